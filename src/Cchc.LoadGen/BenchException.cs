namespace Cchc.LoadGen;

/// <summary>A run cannot go on: bad options, a server that does not start, a call that keeps failing. Printed as one line.</summary>
internal sealed class BenchException : Exception
{
    public BenchException()
    {
    }

    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
