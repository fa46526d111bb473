using System.CommandLine;
using Cchc.Cli.Options;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc framework put|show</c>: a province's indicator framework (Bộ chỉ số) for a year.</summary>
internal sealed class FrameworkCommand : Command
{
    public FrameworkCommand(CliContext context, GlobalOptions global)
        : base("framework", "A province's indicator framework (Bộ chỉ số CCHC cấp xã) for a year.")
    {
        Put = new FrameworkPutCommand(context, global);
        Show = new FrameworkShowCommand(context, global);
        Add(Put);
        Add(Show);
    }

    public FrameworkPutCommand Put { get; }

    public FrameworkShowCommand Show { get; }
}
