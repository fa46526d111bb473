using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc deadlines set --scope 30 --year 2023 --window self-assessment=01/10/2023..31/10/2023 [--window ...] | --clear</c>.</summary>
internal sealed class DeadlinesSetCommand : Command
{
    private readonly PeriodOptions _period = new();

    public DeadlinesSetCommand(CliContext context, GlobalOptions global)
        : base("set", "Set the stage windows of a province or district for a period (province administrator); they replace the earlier ones.")
    {
        Add(Scope);
        _period.AddTo(this);
        Add(Windows);
        Add(Clear);
        Validators.Add(r =>
        {
            var given = r.GetResult(Windows) is { Implicit: false };
            if (given == r.GetValue(Clear))
            {
                r.AddError(given
                    ? "Give --window or --clear, not both."
                    : "Give at least one --window STAGE=FROM..TO, or --clear to remove every window (every stage then open).");
            }
        });
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var request = ToRequest(result);
            var response = await connection.Clients.Deadlines.SetDeadlinesAsync(request, cancellationToken: ct);
            context.Console.MarkupLineInterpolated(
                $"Set {response.Deadlines.Windows.Count} window(s) of {request.ScopeCode} for {PeriodKindNames.Describe(request.Period)}.");
            DeadlinesView.Write(context.Console, response.Deadlines);
            return ExitCodes.Success;
        });
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public Option<IReadOnlyList<StageWindow>> Windows { get; } = DeadlineArguments.WindowOption();

    public Option<bool> Clear { get; } = new("--clear") { Description = "Remove every window of the scope and period." };

    public SetDeadlinesRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = new SetDeadlinesRequest { ScopeCode = result.GetRequiredValue(Scope), Period = _period.ToPeriod(result) };
        request.Windows.Add(result.GetValue(Windows) ?? []);
        return request;
    }
}
