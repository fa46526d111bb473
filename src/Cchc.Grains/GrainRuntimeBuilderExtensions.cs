using Cchc.Grains.Frameworks;
using Cchc.Grains.Publication;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Runtime;
using Cchc.Storage;

namespace Cchc.Grains;

/// <summary>Registers the domain's grains on a runtime, all persisting to one score storage.</summary>
public static class GrainRuntimeBuilderExtensions
{
    public static GrainRuntimeBuilder AddCchcGrains(this GrainRuntimeBuilder builder, IScoreStorage storage)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        return builder
            .AddGrainStorage(storage)
            .AddGrain<IUnitRegistryGrain, UnitRegistryGrain>(c => new UnitRegistryGrain(c.GetPersistentState<UnitRegistryGrain.RegistryState>("registry")))
            .AddGrain<IUnitGrain, UnitGrain>(c => new UnitGrain(c.GetPersistentState<UnitGrain.MembershipState>("unit")))
            .AddGrain<IFrameworkGrain, FrameworkGrain>(c => new FrameworkGrain(c.GetPersistentState<FrameworkGrain.StoredFramework>("framework")))
            .AddGrain<IPublicationGrain, PublicationGrain>(c => new PublicationGrain(c.GetPersistentState<PublicationGrain.PublicationState>("publication"), c.TimeProvider))
            .AddGrain<ICommuneGrain, CommuneGrain>(c => new CommuneGrain(storage, c.TimeProvider))
            .AddGrain<IRankingGrain, RankingGrain>(_ => new RankingGrain());
    }
}
