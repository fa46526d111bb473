namespace Cchc.Grains;

/// <summary>The names grain state is persisted under.</summary>
public static class CchcStorage
{
    /// <summary>The Orleans grain storage provider of units, frameworks and publications.</summary>
    public const string GrainStorageName = "cchc";
}
