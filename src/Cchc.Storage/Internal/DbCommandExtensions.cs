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

    /// <summary>Sets the parameter's value, adding the parameter the first time: a command run once per row keeps its statement.</summary>
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
}
