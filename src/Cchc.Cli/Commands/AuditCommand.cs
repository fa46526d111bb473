using System.CommandLine;
using Cchc.Cli.Options;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc audit verify</c>: the tamper-evident audit trail.</summary>
internal sealed class AuditCommand : Command
{
    public AuditCommand(CliContext context, GlobalOptions global)
        : base("audit", "The tamper-evident audit trail of score changes (nhật ký thay đổi điểm).")
    {
        Verify = new AuditVerifyCommand(context, global);
        Add(Verify);
    }

    public AuditVerifyCommand Verify { get; }
}
