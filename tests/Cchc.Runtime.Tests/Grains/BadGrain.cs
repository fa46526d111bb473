namespace Cchc.Runtime.Tests.Grains;

public sealed class BadGrain : Grain, IBadGrain
{
    public int Count() => 0;
}
