namespace Cchc.Core.Scoring;

/// <summary>What a ratio item scores when a = 0 (nothing to measure, e.g. no dossier was received).</summary>
public enum ZeroDenominator
{
    /// <summary>The item leaves the evaluation: neither its points nor its maximum count.</summary>
    NotApplicable,

    /// <summary>The item scores its maximum.</summary>
    FullPoints,
}
