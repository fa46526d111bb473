namespace Cchc.Runtime;

/// <summary>Something with a <see cref="GrainId"/>: a grain, or a reference to one. Mirrors Orleans' marker.</summary>
#pragma warning disable CA1040 // A marker, as in Orleans: GetGrainId()/GetPrimaryKeyString() hang off it.
public interface IAddressable;
#pragma warning restore CA1040
