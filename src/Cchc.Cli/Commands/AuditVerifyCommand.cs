using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;

namespace Cchc.Cli.Commands;

/// <summary>
/// <c>cchc audit verify --province P [--district D] --year Y [--half|--quarter N]</c>: prints "intact" with what was
/// checked, or every broken link; exits <see cref="ExitCodes.Broken"/> when anything is broken.
/// </summary>
internal sealed class AuditVerifyCommand : Command
{
    private readonly PeriodOptions _period = new();

    public AuditVerifyCommand(CliContext context, GlobalOptions global)
        : base("verify", "Recompute the audit chains of a province's (or district's) communes for a period and compare each score row with its audit entries; exits 4 when anything is broken.")
    {
        Add(Province);
        Add(District);
        _period.AddTo(this);
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var response = await connection.Clients.Audit.VerifyAuditAsync(ToRequest(result), cancellationToken: ct);
            AuditView.Write(context.Console, response);
            return response.Intact ? ExitCodes.Success : ExitCodes.Broken;
        });
    }

    public Option<string> Province { get; } = CliOptions.Province("The province's 2-digit code, e.g. 30.");

    public Option<string> District { get; } =
        CliOptions.Code("--district", "Only this district's communes: its 3-digit code (up to 2024), e.g. 288.", required: false, 3);

    public VerifyAuditRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new VerifyAuditRequest
        {
            ProvinceCode = result.GetRequiredValue(Province),
            DistrictCode = result.GetValue(District) ?? "",
            Period = _period.ToPeriod(result),
        };
    }
}
