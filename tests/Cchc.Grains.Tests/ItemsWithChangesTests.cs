using Cchc.Grains.Scoring;

namespace Cchc.Grains.Tests;

/// <summary>
/// A write's items seen through its changes read as the copy-and-update the grain did before (the expected values are
/// that copy, made here with a plain dictionary), and the commune's scores handed out do not follow later writes.
/// </summary>
public sealed class ItemsWithChangesTests
{
    private static readonly DateTimeOffset At = new(2024, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Changes_over_the_items_read_as_the_items_copied_and_updated()
    {
        var items = new Dictionary<string, ItemState>(StringComparer.Ordinal)
        {
            ["1.1"] = Self(10m),
            ["1.2"] = Self(4m),
            ["3.1"] = Self(12m),
        };
        var changes = new Dictionary<string, ItemState>(StringComparer.Ordinal)
        {
            ["1.2"] = Self(5m),
            ["2.1"] = Self(7m),
        };
        var expected = new Dictionary<string, ItemState>(items, StringComparer.Ordinal) { ["1.2"] = changes["1.2"], ["2.1"] = changes["2.1"] };

        var view = new ItemsWithChanges(items, changes);

        Assert.Equal(4, view.Count);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), view.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), view.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Values.Select(v => v.Self!.Points).Order(), view.Values.Select(v => v.Self!.Points).Order());
        Assert.Same(changes["1.2"], view["1.2"]);
        Assert.Same(items["3.1"], view["3.1"]);
        Assert.True(view.ContainsKey("2.1"));
        Assert.False(view.TryGetValue("4.1", out _));
        Assert.Throws<KeyNotFoundException>(() => view["4.1"]);
        Assert.Equal(3, items.Count);
        Assert.Equal(4m, items["1.2"].Self!.Points);
    }

    [Fact]
    public void A_communes_scores_handed_out_keep_their_items_when_the_commune_changes_its_own()
    {
        var live = new Dictionary<string, ItemState>(StringComparer.Ordinal) { ["3.1"] = Self(10m) };
        var state = new CommuneState("Xã Hòa Bắc", "48", "490", 1, live);

        var scores = CommuneScores.Of("20194", state);
        live["3.1"] = Self(20m);
        live["1.1"] = Self(10m);

        var (code, item) = Assert.Single(scores.State.Items);
        Assert.Equal(("3.1", 10m), (code, item.Self!.Points));
        Assert.Equal(("20194", 1L), (scores.UnitCode, scores.Version));
    }

    private static ItemState Self(decimal points) =>
        new(Self: StageValue.From(new ItemSubmission("x", ScoreValue.OfPoints(points)), At, "ubnd-xa"));
}
