namespace Cchc.Core.Frameworks;

/// <summary>Orders item codes as the framework reads: 1.2 &lt; 1.10 &lt; 2, and a parent before its children.</summary>
public sealed class ItemCodeComparer : IComparer<string>
{
    private ItemCodeComparer()
    {
    }

    public static ItemCodeComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var left = x.AsSpan();
        var right = y.AsSpan();
        while (true)
        {
            if (left.IsEmpty || right.IsEmpty)
            {
                return left.Length.CompareTo(right.Length);
            }

            var segmentLeft = Segment(ref left);
            var segmentRight = Segment(ref right);
            var byLength = segmentLeft.Length.CompareTo(segmentRight.Length);
            if (byLength != 0 && IsDigits(segmentLeft) && IsDigits(segmentRight))
            {
                return byLength;
            }

            var byText = segmentLeft.SequenceCompareTo(segmentRight);
            if (byText != 0)
            {
                return byText;
            }
        }
    }

    private static ReadOnlySpan<char> Segment(ref ReadOnlySpan<char> rest)
    {
        var dot = rest.IndexOf('.');
        ReadOnlySpan<char> segment;
        if (dot < 0)
        {
            segment = rest;
            rest = [];
        }
        else
        {
            segment = rest[..dot];
            rest = rest[(dot + 1)..];
        }

        return segment;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
