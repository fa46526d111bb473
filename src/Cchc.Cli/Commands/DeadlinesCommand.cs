using System.CommandLine;
using Cchc.Cli.Options;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc deadlines set|show|extend</c>: the windows in which each stage may be written, and extensions for one commune.</summary>
internal sealed class DeadlinesCommand : Command
{
    public DeadlinesCommand(CliContext context, GlobalOptions global)
        : base("deadlines", "Deadlines (hạn chót) of the appraisal season: stage windows for a province or district, and extensions for one commune.")
    {
        Set = new DeadlinesSetCommand(context, global);
        Show = new DeadlinesShowCommand(context, global);
        Extend = new DeadlinesExtendCommand(context, global);
        Add(Set);
        Add(Show);
        Add(Extend);
    }

    public DeadlinesSetCommand Set { get; }

    public DeadlinesShowCommand Show { get; }

    public DeadlinesExtendCommand Extend { get; }
}
