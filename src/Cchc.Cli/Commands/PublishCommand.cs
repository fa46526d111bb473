using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rpc;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc publish --scope CODE --year Y [--yes]</c>.</summary>
internal sealed class PublishCommand : Command
{
    private readonly PeriodOptions _period = new();

    public PublishCommand(CliContext context, GlobalOptions global)
        : base("publish", "Publish (lock) a period's results for a province or district; later writes are refused.")
    {
        Add(Scope);
        _period.AddTo(this);
        Add(Yes);
        this.SetServerAction(context, global, (result, connection, ct) => RunAsync(context.Console, result, connection, ct));
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public Option<bool> Yes { get; } = new("--yes") { Description = "Publish without asking; needed when the console is not interactive." };

    public PublishPeriodRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new PublishPeriodRequest { ScopeCode = result.GetRequiredValue(Scope), Period = _period.ToPeriod(result) };
    }

    private async Task<int> RunAsync(IAnsiConsole console, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var request = ToRequest(result);
        var what = $"the results of {request.ScopeCode} for {PeriodKindNames.Describe(request.Period)}";
        if (!result.GetValue(Yes))
        {
            if (!console.Profile.Capabilities.Interactive)
            {
                throw new CliInputException($"Publishing locks {what}: no score can change afterwards. Pass --yes to confirm.");
            }

            var prompt = new ConfirmationPrompt($"Publish {Markup.Escape(what)}? No score can change afterwards.") { DefaultValue = false };
            if (!await prompt.ShowAsync(console, cancellationToken))
            {
                console.MarkupLine("Not published.");
                return ExitCodes.Success;
            }
        }

        var response = await connection.Clients.Scoring.PublishPeriodAsync(request, cancellationToken: cancellationToken);
        console.MarkupLineInterpolated($"Published {what}: {response.UnitCount} communes ranked, at {response.PublishedAt}.");
        return ExitCodes.Success;
    }
}
