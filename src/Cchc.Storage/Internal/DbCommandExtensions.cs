using System.Data.Common;

namespace Cchc.Storage.Internal;

internal static class DbCommandExtensions
{
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Gives a kept command's parameter its value for this run, adding it on the command's first: the parameter objects
    /// stay those the command ran with before.
    /// </summary>
    public static void SetParameter(this DbCommand command, string name, object? value)
    {
        var index = command.Parameters.IndexOf(name);
        if (index < 0)
        {
            command.AddParameter(name, value);
            return;
        }

        command.Parameters[index].Value = value ?? DBNull.Value;
    }

    /// <summary><see cref="SetParameter"/> for each of <paramref name="values"/>.</summary>
    public static void SetParameters(this DbCommand command, ReadOnlySpan<(string Name, object? Value)> values)
    {
        foreach (var (name, value) in values)
        {
            command.SetParameter(name, value);
        }
    }
}
