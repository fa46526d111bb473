using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc deadlines extend --scope 30 --year 2023 --commune 11116 --stage self-assessment --until 05/11/2023 --reason "..."</c>.</summary>
internal sealed class DeadlinesExtendCommand : Command
{
    private readonly PeriodOptions _period = new();

    public DeadlinesExtendCommand(CliContext context, GlobalOptions global)
        : base("extend", "Extend a stage's window for one commune (province administrator), with a reason; the extension is audited.")
    {
        Add(Scope);
        _period.AddTo(this);
        Add(Commune);
        Add(Stage);
        Add(Until);
        Add(Reason);
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var request = ToRequest(result);
            var e = (await connection.Clients.Deadlines.ExtendDeadlineAsync(request, cancellationToken: ct)).Extension;
            var console = context.Console;
            console.MarkupLineInterpolated(
                $"Extended {StageNames.LongNameOf(e.Stage)} ({StageNames.VietnameseName(e.Stage)}) for commune {e.CommuneCode} {e.CommuneName} in {request.ScopeCode}, {PeriodKindNames.Describe(request.Period)}:");
            console.MarkupLineInterpolated(
                $"  until {DeadlineArguments.ShowClosing(e.ClosesAt)} (was {DeadlineArguments.ShowClosing(e.PreviousClosesAt)}; Vietnam time, UTC+7).");
            console.MarkupLineInterpolated($"  Reason: {e.Reason}");
            console.MarkupLineInterpolated($"  Recorded by {e.GrantedBy} at {DeadlineArguments.ShowOpening(e.GrantedAt)}.");
            return ExitCodes.Success;
        });
    }

    public Option<string> Scope { get; } = CliOptions.Code("--scope",
        "The scope whose window is extended: the province's 2-digit code, or the district's 3-digit code when the district set its own window.", required: true, 2, 3);

    public Option<string> Commune { get; } = CliOptions.Commune();

    public Option<Stage> Stage { get; } = DeadlineArguments.StageOption();

    public Option<string> Until { get; } = new("--until")
    {
        Description = "The commune's new close: a day dd/MM/yyyy (to 24:00 of it, Vietnam time), or an RFC 3339 time with an offset.",
        HelpName = "day|time",
        Required = true,
        CustomParser = r => DeadlineArguments.Closing(r.Tokens[0].Value) ?? Fail(r, $"--until: '{r.Tokens[0].Value}' is neither a day dd/MM/yyyy nor an RFC 3339 time with an offset."),
    };

    public Option<string> Reason { get; } = new("--reason")
    {
        Description = "Why, as the audit log keeps it, e.g. \"Xã bị ảnh hưởng bão số 3\".",
        HelpName = "text",
        Required = true,
    };

    public ExtendDeadlineRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ExtendDeadlineRequest
        {
            ScopeCode = result.GetRequiredValue(Scope),
            Period = _period.ToPeriod(result),
            CommuneCode = result.GetRequiredValue(Commune),
            Stage = result.GetValue(Stage),
            ClosesAt = result.GetRequiredValue(Until),
            Reason = result.GetRequiredValue(Reason),
        };
    }

    private static string Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return "";
    }
}
