using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc history --commune 19408</c>: the commune's index, class and ranks year by year.</summary>
internal sealed class HistoryCommand : Command
{
    public HistoryCommand(CliContext context, GlobalOptions global)
        : base("history", "One commune's index, class and ranks in district and province for every year stored, across the 2025 merger through its predecessors.")
    {
        Add(Commune);
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var response = await connection.Clients.Analysis.GetHistoryAsync(ToRequest(result), cancellationToken: ct);
            HistoryView.Write(context.Console, response);
            return ExitCodes.Success;
        });
    }

    public Option<string> Commune { get; } = CliOptions.Commune();

    public GetHistoryRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new GetHistoryRequest { CommuneCode = result.GetRequiredValue(Commune) };
    }
}
