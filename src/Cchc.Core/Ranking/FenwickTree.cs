namespace Cchc.Core.Ranking;

/// <summary>Counts per position with O(log n) update, prefix sum and "find the position holding the k-th item".</summary>
internal sealed class FenwickTree
{
    private readonly int[] _tree;
    private readonly int _highBit;

    public FenwickTree(int size)
    {
        _tree = new int[size + 1];
        _highBit = 1;
        while (_highBit * 2 <= size)
        {
            _highBit *= 2;
        }
    }

    /// <summary>Adds <paramref name="delta"/> at 0-based <paramref name="position"/>.</summary>
    public void Add(int position, int delta)
    {
        for (var i = position + 1; i < _tree.Length; i += i & -i)
        {
            _tree[i] += delta;
        }
    }

    /// <summary>The sum of positions 0..<paramref name="position"/>; 0 when position is negative.</summary>
    public int Prefix(int position)
    {
        var sum = 0;
        for (var i = position + 1; i > 0; i -= i & -i)
        {
            sum += _tree[i];
        }

        return sum;
    }

    /// <summary>The smallest 0-based position whose prefix sum reaches <paramref name="k"/> (k ≥ 1, at most the total).</summary>
    public int Find(int k)
    {
        var position = 0;
        for (var step = _highBit; step > 0; step >>= 1)
        {
            var next = position + step;
            if (next < _tree.Length && _tree[next] < k)
            {
                position = next;
                k -= _tree[next];
            }
        }

        return position;
    }
}
