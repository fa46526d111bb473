using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc lost-points --commune C --year Y [--what-if 1.5.4,7.1.3]</c>.</summary>
internal sealed class LostPointsCommand : Command
{
    private readonly PeriodOptions _period = new();

    public LostPointsCommand(CliContext context, GlobalOptions global)
        : base("lost-points", "Where a commune lost points, largest first; with --what-if, the index and rank at full points on chosen items.")
    {
        Add(Commune);
        _period.AddTo(this);
        Add(WhatIf);
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var request = ToRequest(result);
            var response = await connection.Clients.Scoring.GetLostPointsAsync(request, cancellationToken: ct);
            context.Console.Write(LostPointsView.Build(response, request.WhatIfFullItems));
            return ExitCodes.Success;
        });
    }

    public Option<string> Commune { get; } = CliOptions.Commune();

    public Option<string[]> WhatIf { get; } = new("--what-if")
    {
        Description = "Item codes to count at full points, comma-separated, e.g. 1.5.4,7.1.3.",
        HelpName = "codes",
        CustomParser = r =>
        {
            var codes = new List<string>();
            foreach (var part in r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            {
                if (!CliOptions.IsItemCode(part))
                {
                    r.AddError($"--what-if: '{part}' is not an item code; codes are numbers joined by dots, such as 1.5.4.");
                }
                else if (!codes.Contains(part))
                {
                    codes.Add(part);
                }
            }

            return [.. codes];
        },
    };

    public GetLostPointsRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = new GetLostPointsRequest { CommuneCode = result.GetRequiredValue(Commune), Period = _period.ToPeriod(result) };
        request.WhatIfFullItems.AddRange(result.GetValue(WhatIf) ?? []);
        return request;
    }
}
