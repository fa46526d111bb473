namespace Cchc.Server.Tests.Fuzzing;

/// <summary>The three kinds of request bytes the fuzzer sends, taken in turn.</summary>
internal enum PayloadKind
{
    /// <summary>Random bytes, most short, some long.</summary>
    RandomBytes,

    /// <summary>A well-formed message of the method's request type with random field values: hostile ones, or (half the time) the season's.</summary>
    Structured,

    /// <summary>A valid message (plausible from the vocabulary, or a real request) with its bytes mutated.</summary>
    Mutated,
}
