using Microsoft.Extensions.Logging;

namespace Cchc.Observability.Tests;

/// <summary>Keeps each log entry's event name and formatted message, to check what the service says and never says.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(string Event, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(string Event, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((eventId.Name ?? "", logLevel, formatter(state, exception)));
        }
    }
}
