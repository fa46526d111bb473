using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Grains.Publication;
using Cchc.Runtime;

namespace Cchc.Grains.Frameworks;

/// <summary>Holds one framework, validated once and cached for every commune of the province.</summary>
public sealed class FrameworkGrain(IPersistentState<FrameworkGrain.StoredFramework> state) : Grain, IFrameworkGrain
{
    private Framework? _framework;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Framework is { } stored)
        {
            _framework = Framework.Create(FrameworkStateMapper.ToDefinition(stored));
        }

        return Task.CompletedTask;
    }

    public async Task<Framework> PutAsync(FrameworkDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var framework = Framework.Create(definition);
        var province = this.GetPrimaryKeyString().Split('/')[0];
        foreach (var kind in (_framework?.Definition.Periods ?? []).Union(definition.Periods))
        {
            foreach (var period in PeriodsOf(definition.Year, kind))
            {
                var publication = await GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(province, period)).GetAsync();
                if (publication is not null)
                {
                    throw RequestRejectedException.Precondition(
                        $"Province {province} published its results for {period} on {publication.PublishedAt:yyyy-MM-dd}; " +
                        $"the {definition.Year} framework can no longer change.");
                }
            }
        }

        state.State = new StoredFramework(FrameworkStateMapper.ToState(definition));
        await state.WriteStateAsync();
        _framework = framework;
        return framework;
    }

    public Task<Framework?> GetAsync() => Task.FromResult(_framework);

    private static IEnumerable<Period> PeriodsOf(int year, PeriodKind kind) => kind switch
    {
        PeriodKind.Year => [Period.Annual(year)],
        PeriodKind.HalfYear => [Period.Half(year, 1), Period.Half(year, 2)],
        _ => Enumerable.Range(1, 4).Select(q => Period.Quarter(year, q)),
    };

    public sealed record StoredFramework(FrameworkState? Framework)
    {
        public StoredFramework()
            : this((FrameworkState?)null)
        {
        }
    }
}
