namespace Cchc.Runtime.Tests.Grains;

public interface IBadGrain : IGrainWithStringKey
{
    int Count();
}
