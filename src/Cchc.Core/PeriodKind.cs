namespace Cchc.Core;

/// <summary>The evaluation periods a framework can serve: năm, 6 tháng, quý.</summary>
public enum PeriodKind
{
    Year,
    HalfYear,
    Quarter,
}
