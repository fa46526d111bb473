using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc deadlines show --scope 30 --year 2023</c>.</summary>
internal sealed class DeadlinesShowCommand : Command
{
    private readonly PeriodOptions _period = new();

    public DeadlinesShowCommand(CliContext context, GlobalOptions global)
        : base("show", "Show the stage windows of a province or district for a period, and every extension given (the audit log).")
    {
        Add(Scope);
        _period.AddTo(this);
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var request = ToRequest(result);
            var response = await connection.Clients.Deadlines.GetDeadlinesAsync(request, cancellationToken: ct);
            DeadlinesView.Write(context.Console, response);
            return ExitCodes.Success;
        });
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public GetDeadlinesRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new GetDeadlinesRequest { ScopeCode = result.GetRequiredValue(Scope), Period = _period.ToPeriod(result) };
    }
}
