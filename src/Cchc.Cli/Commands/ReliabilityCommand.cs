using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;

namespace Cchc.Cli.Commands;

/// <summary>
/// <c>cchc reliability --scope CODE --year Y [--half|--quarter N] [--field 2] [--sort gap|self|appraised|over|name]
/// [--ascending|--descending]</c>.
/// </summary>
internal sealed class ReliabilityCommand : Command
{
    private static readonly (string Name, ReliabilitySort Sort)[] Sorts =
    [
        ("gap", ReliabilitySort.Gap),
        ("self", ReliabilitySort.Self),
        ("appraised", ReliabilitySort.Appraised),
        ("over", ReliabilitySort.ItemsOver),
        ("name", ReliabilitySort.Name),
    ];

    private readonly PeriodOptions _period = new();

    public ReliabilityCommand(CliContext context, GlobalOptions global)
        : base("reliability", "How far each commune's self-assessment is from the council's appraisal: self and appraised totals, gap, items scored higher.")
    {
        Add(Scope);
        _period.AddTo(this);
        Add(Field);
        Add(Sort);
        Add(Ascending);
        Add(Descending);
        Validators.Add(r =>
        {
            if (r.GetResult(Ascending) is { Implicit: false } && r.GetResult(Descending) is { Implicit: false })
            {
                r.AddError("Give --ascending or --descending, not both.");
            }
        });
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var request = ToRequest(result);
            var response = await connection.Clients.Analysis.GetReliabilityAsync(request, cancellationToken: ct);
            ReliabilityView.Write(context.Console, request, response);
            return ExitCodes.Success;
        });
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public Option<string> Field { get; } = CliOptions.Field();

    public Option<ReliabilitySort> Sort { get; } = new("--sort")
    {
        Description = $"What to order by: {string.Join(", ", Sorts.Select(s => s.Name))}. Default: gap, largest first.",
        HelpName = "key",
        CustomParser = r =>
        {
            var text = r.Tokens[0].Value;
            foreach (var (name, sort) in Sorts)
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return sort;
                }
            }

            r.AddError($"--sort: '{text}' is not a sort; give one of {string.Join(", ", Sorts.Select(s => s.Name))}.");
            return ReliabilitySort.Gap;
        },
    };

    public Option<bool> Ascending { get; } = new("--ascending") { Description = "Smallest first (A to Z for --sort name, the default there)." };

    public Option<bool> Descending { get; } = new("--descending") { Description = "Largest first (the default for figures; Z to A for --sort name)." };

    public GetReliabilityRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new GetReliabilityRequest
        {
            ScopeCode = result.GetRequiredValue(Scope),
            Period = _period.ToPeriod(result),
            FieldCode = result.GetValue(Field) ?? string.Empty,
            Sort = result.GetValue(Sort),
            Direction = result.GetValue(Ascending) ? SortDirection.Ascending : result.GetValue(Descending) ? SortDirection.Descending : SortDirection.Unspecified,
        };
    }
}
