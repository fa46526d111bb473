using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Board;

/// <summary>
/// What one board request reads: a scope's period, overall (null field) or one field; published when the scope or its
/// province published the period (as the access policy counts it).
/// </summary>
internal sealed record BoardRead(string Scope, CorePeriod Period, string? Field, bool Published);
