using System.CommandLine;
using Cchc.Cli.Commands;
using Cchc.Cli.Options;

namespace Cchc.Cli;

/// <summary>The <c>cchc</c> command tree.</summary>
internal static class CchcCli
{
    public static RootCommand CreateRootCommand(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var global = new GlobalOptions(context.Environment);
        var root = new RootCommand("cchc: the commune-level Administrative Reform Index (Chỉ số CCHC cấp xã) over gRPC.")
        {
            global.Server,
            global.Token,
            new UnitsCommand(context, global),
            new FrameworkCommand(context, global),
            new ScoresCommand(context, global),
            new ScorecardCommand(context, global),
            new RankingCommand(context, global),
            new CompareCommand(context, global),
            new HistoryCommand(context, global),
            new ReliabilityCommand(context, global),
            new LostPointsCommand(context, global),
            new PublishCommand(context, global),
            new AuditCommand(context, global),
            new DeadlinesCommand(context, global),
            new WatchCommand(context, global),
            new ProgressCommand(context, global),
            new ExportCommand(context, global),
            new DemoCommand(context, global),
            new TokenCommand(context),
        };
        return root;
    }
}
