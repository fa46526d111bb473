using Cchc.Core.Units;

namespace Cchc.Security.Policy;

/// <summary>
/// What a call wants to do, with the units it touches resolved by the server (a commune's district and province
/// come from the registry of the period's year). <see cref="AccessPolicy"/> decides on these and nothing else.
/// </summary>
public abstract record CchcOperation
{
    private protected CchcOperation()
    {
    }

    /// <summary>The operation in words, for messages: "appraise commune 11116 of district 298".</summary>
    public abstract string Description { get; }

    private protected static string Code(string value, int digits, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length != digits || !value.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Expected a {digits}-digit code, got '{value}'.", paramName);
        }

        return value;
    }

    private protected static string Scope(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (UnitCodes.KindOfScope(value) is null)
        {
            throw new ArgumentException($"Expected a 2-digit province or 3-digit district code, got '{value}'.", paramName);
        }

        return value;
    }

    private protected static string ScopeWords(string scopeCode) =>
        UnitCodes.IsProvince(scopeCode) ? $"province {scopeCode}" : $"district {scopeCode}";
}
