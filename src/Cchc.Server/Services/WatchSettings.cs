namespace Cchc.Server.Services;

/// <summary>What live watches need from the host: its stopping signal, and how often to keep a watched ranking active.</summary>
internal sealed record WatchSettings(CancellationToken ServerStopping, TimeSpan KeepAliveInterval, TimeProvider TimeProvider);
