using Microsoft.Extensions.Logging;

namespace Cchc.Runtime.Tests;

public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
