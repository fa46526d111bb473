namespace Cchc.Core.Units;

/// <summary>What a ranking or publication scope is: a province (tỉnh) or, up to 2024, a district (huyện).</summary>
public enum ScopeKind
{
    Province,
    District,
}
