using System.Data.Common;

namespace Cchc.Storage.Internal;

/// <summary>What a connection string sets itself, as configured: Npgsql's builder reports every keyword as present.</summary>
internal static class ConnectionStringKeywords
{
    /// <param name="connectionString">The string as configured.</param>
    /// <param name="keywords">Spellings of one keyword, compared without spaces and case.</param>
    public static bool Sets(string connectionString, params ReadOnlySpan<string> keywords)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in given.Keys)
        {
            var name = key.Replace(" ", "", StringComparison.Ordinal);
            foreach (var keyword in keywords)
            {
                if (name.Equals(keyword, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
