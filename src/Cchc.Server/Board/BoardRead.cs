using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Board;

/// <summary>What one board request reads: a scope's period, overall (null field) or one field.</summary>
internal sealed record BoardRead(string Scope, CorePeriod Period, string? Field);
