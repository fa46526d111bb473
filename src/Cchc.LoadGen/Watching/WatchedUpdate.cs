namespace Cchc.LoadGen.Watching;

/// <summary>One update as a bench watcher reads it: its version and its commune's code as a number (-1: not digits).</summary>
internal readonly record struct WatchedUpdate(long Version, int Unit);
