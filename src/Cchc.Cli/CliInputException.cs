namespace Cchc.Cli;

/// <summary>Input the tool refuses before anything is sent: a bad file, a missing sample. The message says what to fix.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException()
    {
    }

    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Further lines, e.g. one per bad CSV row.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];
}
