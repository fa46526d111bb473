namespace Cchc.Storage;

public static class Placeholder
{
    public static string Probe()
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "select sqlite_version()";
        return (string)cmd.ExecuteScalar()!;
    }
}
