namespace Cchc.Grains.Units;

/// <summary>Tỉnh, huyện, xã.</summary>
public enum UnitLevel
{
    Province,
    District,
    Commune,
}
