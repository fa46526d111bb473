namespace Cchc.Runtime.Tests.Grains;

public sealed record CounterState(int Count, string? Note = null)
{
    public CounterState()
        : this(0)
    {
    }
}
