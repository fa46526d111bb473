using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cli.Rpc;

/// <summary>The generated clients of the public API (protos/cchc/v1) for one caller: all share one channel.</summary>
internal sealed class CchcClients
{
    public CchcClients(CallInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        Registry = new RegistryService.RegistryServiceClient(invoker);
        Frameworks = new FrameworkService.FrameworkServiceClient(invoker);
        Scoring = new ScoringService.ScoringServiceClient(invoker);
        Ranking = new RankingService.RankingServiceClient(invoker);
        Progress = new ProgressService.ProgressServiceClient(invoker);
        Deadlines = new DeadlineService.DeadlineServiceClient(invoker);
        Analysis = new AnalysisService.AnalysisServiceClient(invoker);
        Exports = new ExportService.ExportServiceClient(invoker);
        Audit = new AuditService.AuditServiceClient(invoker);
    }

    public RegistryService.RegistryServiceClient Registry { get; }

    public FrameworkService.FrameworkServiceClient Frameworks { get; }

    public ScoringService.ScoringServiceClient Scoring { get; }

    public RankingService.RankingServiceClient Ranking { get; }

    public ProgressService.ProgressServiceClient Progress { get; }
    public DeadlineService.DeadlineServiceClient Deadlines { get; }
    public AnalysisService.AnalysisServiceClient Analysis { get; }

    public AuditService.AuditServiceClient Audit { get; }

    public ExportService.ExportServiceClient Exports { get; }
}
