namespace Cchc.Runtime.Hosting;

/// <summary>What the activation needs of each persistent state: read it before activation, write it if changed.</summary>
internal interface IPersistentStateEntry
{
    string StateName { get; }

    /// <summary>The state differs from what was last read or written.</summary>
    bool IsDirty { get; }

    Task ReadStateAsync(CancellationToken cancellationToken);

    Task WriteStateAsync(CancellationToken cancellationToken);
}
