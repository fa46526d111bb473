using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc scorecard --commune C --year Y [--half 1|--quarter 2]</c>.</summary>
internal sealed class ScorecardCommand : Command
{
    private readonly PeriodOptions _period = new();

    public ScorecardCommand(CliContext context, GlobalOptions global)
        : base("scorecard", "A commune's scorecard: index, class and ranks, then every field and item with its points.")
    {
        Add(Commune);
        _period.AddTo(this);
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var card = await connection.Clients.Scoring.GetScorecardAsync(ToRequest(result), cancellationToken: ct);
            context.Console.Write(ScorecardView.Build(card));
            return ExitCodes.Success;
        });
    }

    public Option<string> Commune { get; } = CliOptions.Commune();

    public GetScorecardRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new GetScorecardRequest { CommuneCode = result.GetRequiredValue(Commune), Period = _period.ToPeriod(result) };
    }
}
