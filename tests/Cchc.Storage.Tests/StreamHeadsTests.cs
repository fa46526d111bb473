using Cchc.Storage.Internal;

namespace Cchc.Storage.Tests;

/// <summary>
/// The writer's heads: one is known only at the version it was committed at (a null head included: a chain not started
/// yet), and the bound holds by starting over when a new stream finds it full.
/// </summary>
public sealed class StreamHeadsTests
{
    [Fact]
    public void A_head_is_known_at_its_committed_version_only()
    {
        var heads = new StreamHeads();
        heads.Committed("s", 3, "h3");
        heads.Committed("legacy", 7, null);

        Assert.True(heads.TryGet("s", 3, out var head));
        Assert.Equal("h3", head);
        Assert.False(heads.TryGet("s", 2, out _));
        Assert.False(heads.TryGet("s", 4, out _));
        Assert.False(heads.TryGet("other", 3, out _));
        Assert.True(heads.TryGet("legacy", 7, out var none));
        Assert.Null(none);

        heads.Committed("s", 4, "h4");
        Assert.False(heads.TryGet("s", 3, out _));
        Assert.True(heads.TryGet("s", 4, out head));
        Assert.Equal("h4", head);
    }

    [Fact]
    public void A_new_stream_that_finds_it_full_empties_it_and_a_known_one_does_not()
    {
        var heads = new StreamHeads(capacity: 3);
        heads.Committed("a", 1, "a1");
        heads.Committed("b", 1, "b1");
        heads.Committed("c", 1, "c1");

        heads.Committed("a", 2, "a2");
        Assert.Equal(3, heads.Count);
        Assert.True(heads.TryGet("b", 1, out _));

        heads.Committed("d", 1, "d1");
        Assert.Equal(1, heads.Count);
        Assert.True(heads.TryGet("d", 1, out _));
        Assert.False(heads.TryGet("a", 2, out _));
    }
}
