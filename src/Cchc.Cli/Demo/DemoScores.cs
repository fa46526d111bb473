using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.Cli.Demo;

/// <summary>
/// Plausible scores for the demo, from a seeded <see cref="Random"/> so a run can be repeated: each commune has a
/// quality that its self-assessment follows; the council then takes points off some items with a comment, the
/// commune explains some, and round 2 accepts part of the explanations.
/// </summary>
internal sealed class DemoScores
{
    private static readonly string[] ManualComments =
    [
        "Tài liệu kiểm chứng chưa đầy đủ, chưa thể hiện kết quả thực hiện.",
        "Chưa có tài liệu kiểm chứng theo quy định; đề nghị bổ sung.",
        "Nội dung thực hiện chưa đầy đủ so với yêu cầu của tiêu chí.",
        "Kết quả thực hiện chưa đạt yêu cầu; điểm tự chấm cao hơn thực tế.",
    ];

    private static readonly string[] Evidence =
    [
        "Báo cáo số {0}/BC-UBND",
        "Kế hoạch số {0}/KH-UBND",
        "Quyết định số {0}/QĐ-UBND",
        "Biên bản kiểm tra số {0}/BB-UBND",
    ];

    private readonly Random _random;
    private readonly Dictionary<string, double> _quality = new(StringComparer.Ordinal);

    public DemoScores(int seed)
    {
        _random = new Random(seed);
    }

    public IReadOnlyList<ItemScore> SelfAssessment(string commune, IEnumerable<DemoLeaf> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var quality = Quality(commune);
        var items = new List<ItemScore>();
        foreach (var leaf in leaves.Where(l => !l.SurveyBased))
        {
            var item = new ItemScore { ItemCode = leaf.Code };
            var share = Math.Clamp(quality + Noise(0.15), 0, 1);
            switch (leaf.Method.MethodCase)
            {
                case LeafMethod.MethodOneofCase.Ratio:
                    var denominator = _random.Next(12, 900);
                    var threshold = leaf.Method.Ratio.Threshold.Length > 0 ? 0.25 : 0;
                    item.Ratio = new RatioInput { Numerator = (long)Math.Round(denominator * Math.Clamp(share - threshold, 0, 1)), Denominator = denominator };
                    break;
                case LeafMethod.MethodOneofCase.CountTarget:
                    var target = leaf.Method.CountTarget.Target;
                    item.Count = (int)Math.Round(target * share);
                    break;
                case LeafMethod.MethodOneofCase.Deduction:
                    item.Faults = _random.NextDouble() < (1 - quality) * 1.5 ? _random.Next(1, 3) : 0;
                    break;
                case LeafMethod.MethodOneofCase.YesNo:
                    item.Yes = _random.NextDouble() < 0.55 + (0.45 * quality);
                    break;
                case LeafMethod.MethodOneofCase.Bonus or LeafMethod.MethodOneofCase.Penalty:
                    var capped = leaf.Method.Bonus ?? leaf.Method.Penalty;
                    var happens = leaf.Method.MethodCase == LeafMethod.MethodOneofCase.Bonus ? quality / 3 : (1 - quality) / 3;
                    var counted = _random.NextDouble() < happens ? 1 : 0;
                    if (capped.PointsPerCount.Length > 0)
                    {
                        item.Count = counted;
                    }
                    else
                    {
                        item.Points = Text(counted * Math.Min(0.5m, leaf.Max));
                    }

                    break;
                default:
                    item.Points = Text(Quarter(leaf.Max * (decimal)share, leaf.Max));
                    break;
            }

            item.Evidence.Add(string.Format(CultureInfo.InvariantCulture, Evidence[_random.Next(Evidence.Length)], _random.Next(1, 300)));
            items.Add(item);
        }

        return items;
    }

    /// <summary>The province's survey points for the survey-based items.</summary>
    public IReadOnlyList<ItemScore> Survey(string commune, IEnumerable<DemoLeaf> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var quality = Quality(commune);
        return
        [
            .. leaves.Where(l => l.SurveyBased).Select(leaf => new ItemScore
            {
                ItemCode = leaf.Code,
                Points = Text(Math.Round(leaf.Max * (decimal)Math.Clamp(0.72 + (0.25 * quality) + Noise(0.04), 0, 1), 2)),
            }),
        ];
    }

    /// <summary>Round 1: the council re-scores every item; some go down, each with a comment. At least one per commune.</summary>
    public (IReadOnlyList<ItemScore> Items, IReadOnlyList<string> Reduced) AppraisalRound1(IReadOnlyList<ItemScore> self, IReadOnlyDictionary<string, DemoLeaf> leaves)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(leaves);
        var items = new List<ItemScore>();
        var reduced = new List<string>();
        var forced = _random.Next(self.Count);
        for (var i = 0; i < self.Count; i++)
        {
            var item = self[i].Clone();
            item.Evidence.Clear();
            if ((_random.NextDouble() < 0.14 || (i == forced && reduced.Count == 0)) && TryReduce(item, leaves[item.ItemCode]))
            {
                reduced.Add(item.ItemCode);
            }

            items.Add(item);
        }

        // If the forced pick could not go lower, take the first item that can.
        for (var i = 0; reduced.Count == 0 && i < items.Count; i++)
        {
            if (TryReduce(items[i], leaves[items[i].ItemCode]))
            {
                reduced.Add(items[i].ItemCode);
            }
        }

        return (items, reduced);
    }

    /// <summary>The commune explains some of the items it lost (at least one).</summary>
    public IReadOnlyList<ItemScore> Explanation(IReadOnlyList<string> reduced)
    {
        ArgumentNullException.ThrowIfNull(reduced);
        var explained = reduced.Where((_, i) => i == 0 || _random.NextDouble() < 0.6).ToList();
        return
        [
            .. explained.Select(code =>
            {
                var number = _random.Next(1, 300).ToString(CultureInfo.InvariantCulture);
                var item = new ItemScore
                {
                    ItemCode = code,
                    Comment = _random.NextDouble() < 0.5
                        ? $"Xã đã bổ sung tài liệu kiểm chứng (Báo cáo số {number}/BC-UBND); đề nghị Hội đồng xem xét lại."
                        : "Số liệu đã được cập nhật đầy đủ trên hệ thống sau ngày chốt số liệu; xã đề nghị giữ nguyên điểm tự chấm.",
                };
                item.Evidence.Add($"Báo cáo số {number}/BC-UBND");
                return item;
            }),
        ];
    }

    /// <summary>Round 2: explained items are restored to the self score when the council accepts, otherwise round 1 stands.</summary>
    public IReadOnlyList<ItemScore> AppraisalRound2(IReadOnlyList<ItemScore> self, IReadOnlyList<ItemScore> round1, IReadOnlyList<ItemScore> explained)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(round1);
        ArgumentNullException.ThrowIfNull(explained);
        var explainedCodes = explained.Select(e => e.ItemCode).ToHashSet(StringComparer.Ordinal);
        var selfByCode = self.ToDictionary(s => s.ItemCode, StringComparer.Ordinal);
        var items = new List<ItemScore>();
        foreach (var first in round1)
        {
            ItemScore item;
            if (explainedCodes.Contains(first.ItemCode) && _random.NextDouble() < 0.6)
            {
                item = selfByCode[first.ItemCode].Clone();
                item.Evidence.Clear();
                item.Comment = "Chấp nhận giải trình của xã; giữ nguyên điểm tự chấm.";
            }
            else
            {
                item = first.Clone();
                if (explainedCodes.Contains(first.ItemCode))
                {
                    item.Comment = "Không chấp nhận giải trình; giữ nguyên kết quả thẩm định vòng 1.";
                }
            }

            items.Add(item);
        }

        return items;
    }

    private bool TryReduce(ItemScore item, DemoLeaf leaf)
    {
        switch (item.ValueCase)
        {
            case ItemScore.ValueOneofCase.Points when leaf.Method.MethodCase is not (LeafMethod.MethodOneofCase.Penalty or LeafMethod.MethodOneofCase.Bonus):
                var points = decimal.Parse(item.Points, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                if (points <= 0)
                {
                    return false;
                }

                item.Points = Text(Math.Max(0, points - Math.Min(points, _random.NextDouble() < 0.5 ? 0.25m : 0.5m)));
                item.Comment = ManualComments[_random.Next(ManualComments.Length)];
                return true;
            case ItemScore.ValueOneofCase.Ratio when item.Ratio.Numerator > 0:
                item.Ratio = new RatioInput { Numerator = item.Ratio.Numerator * _random.Next(60, 90) / 100, Denominator = item.Ratio.Denominator };
                item.Comment = "Số liệu tự đánh giá chưa khớp với số liệu trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh; chấm theo số liệu hệ thống.";
                return true;
            case ItemScore.ValueOneofCase.Count when item.Count > 0 && leaf.Method.MethodCase == LeafMethod.MethodOneofCase.CountTarget:
                item.Count--;
                item.Comment = string.Create(CultureInfo.InvariantCulture, $"Chỉ có tài liệu kiểm chứng của {item.Count} cuộc; các cuộc còn lại không có biên bản.");
                return true;
            case ItemScore.ValueOneofCase.Faults:
                item.Faults++;
                item.Comment = "Qua theo dõi của Văn phòng HĐND và UBND huyện, có thêm 01 nhiệm vụ hoàn thành muộn so với thời hạn được giao.";
                return true;
            case ItemScore.ValueOneofCase.Yes when item.Yes:
                item.Yes = false;
                item.Comment = "Văn bản ban hành sau thời hạn quy định nên không tính điểm.";
                return true;
            default:
                return false;
        }
    }

    private double Quality(string commune)
    {
        if (!_quality.TryGetValue(commune, out var quality))
        {
            quality = 0.55 + (0.45 * _random.NextDouble());
            _quality.Add(commune, quality);
        }

        return quality;
    }

    private double Noise(double spread) => (_random.NextDouble() * 2 - 1) * spread;

    private static decimal Quarter(decimal value, decimal max) => Math.Min(max, Math.Round(value * 4, MidpointRounding.AwayFromZero) / 4);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
