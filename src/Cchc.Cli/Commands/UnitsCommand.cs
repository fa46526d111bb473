using System.CommandLine;
using Cchc.Cli.Options;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc units import|list</c>: the unit registry.</summary>
internal sealed class UnitsCommand : Command
{
    public UnitsCommand(CliContext context, GlobalOptions global)
        : base("units", "The unit registry: import the national list, list units.")
    {
        Import = new UnitsImportCommand(context, global);
        List = new UnitsListCommand(context, global);
        Add(Import);
        Add(List);
    }

    public UnitsImportCommand Import { get; }

    public UnitsListCommand List { get; }
}
