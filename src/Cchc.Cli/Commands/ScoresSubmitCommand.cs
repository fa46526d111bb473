using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rpc;
using Cchc.Cli.Scores;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc scores submit --commune 11116 --year 2022 --stage self --file scores.csv [--idempotency-key K]</c>.</summary>
internal sealed class ScoresSubmitCommand : Command
{
    private readonly PeriodOptions _period = new();

    public ScoresSubmitCommand(CliContext context, GlobalOptions global)
        : base("submit", "Submit a CSV of item scores for one commune, period and stage (validated whole before sending).")
    {
        Add(Commune);
        _period.AddTo(this);
        Add(Stage);
        Add(File);
        Add(IdempotencyKey);
        this.SetServerAction(context, global, (result, connection, ct) => RunAsync(context, result, connection, ct));
    }

    public Option<string> Commune { get; } = CliOptions.Commune();

    public Option<Stage> Stage { get; } = new("--stage")
    {
        Description = $"The stage: {StageNames.Choices}.",
        HelpName = "stage",
        Required = true,
        CustomParser = r =>
        {
            if (StageNames.TryParse(r.Tokens[0].Value, out var stage))
            {
                return stage;
            }

            r.AddError($"--stage: '{r.Tokens[0].Value}' is not a stage; use one of {StageNames.Choices}.");
            return Api.V1.Stage.Unspecified;
        },
    };

    public Option<FileInfo> File { get; } = CliOptions.File(
        "UTF-8 CSV with a header: item_code,points,numerator,denominator,count,faults,yes,not_evaluated,evidence,comment.");

    public Option<string> IdempotencyKey { get; } = new("--idempotency-key")
    {
        Description = "A key so a retried submission is applied once; a new UUID when left out (reused by every retry of this submission).",
        HelpName = "key",
    };

    public PeriodOptions Period => _period;

    public SubmitScoresRequest ToRequest(ParseResult result, IEnumerable<ItemScore> items, Func<string> newKey)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(newKey);
        var request = new SubmitScoresRequest
        {
            CommuneCode = result.GetRequiredValue(Commune),
            Period = _period.ToPeriod(result),
            Stage = result.GetValue(Stage),
            IdempotencyKey = result.GetValue(IdempotencyKey) is { Length: > 0 } key ? key : newKey(),
        };
        request.Items.AddRange(items);
        return request;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var path = result.GetRequiredValue(File).FullName;
        var stage = result.GetValue(Stage);
        var csv = await ScoreCsv.ReadFileAsync(path, stage, cancellationToken);
        if (!csv.IsValid)
        {
            throw new CliInputException($"The scores file '{path}' has {csv.Errors.Count} problem(s); fix them and submit again.")
            {
                Details = [.. csv.Errors.Select(e => e.ToString())],
            };
        }

        // The key is made once, before the first attempt: the channel's retries on UNAVAILABLE (Cchc.Api.Client.CchcChannel)
        // resend this same request, so a batch applied by a server whose answer was lost is not applied again.
        var request = ToRequest(result, csv.Items, () => Guid.NewGuid().ToString());
        var response = await connection.Clients.Scoring.SubmitScoresAsync(request, cancellationToken: cancellationToken);
        var console = context.Console;
        console.MarkupLineInterpolated(
            $"{StageNames.VietnameseName(stage)} of {request.CommuneCode}, {PeriodKindNames.Describe(request.Period)}: {response.AcceptedCount} items stored{(response.Replayed ? " (already applied earlier with this key; nothing applied again)" : string.Empty)}.");
        console.MarkupLineInterpolated(
            $"Index now [bold]{response.Index}%[/]{(response.Provisional ? " (tạm tính: no appraisal yet)" : string.Empty)}. Idempotency key: {request.IdempotencyKey}");
        return ExitCodes.Success;
    }
}
