using System.Text.Json.Nodes;
using Cchc.Grains.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cchc.Grains.Tests;

/// <summary>
/// A stored value is kept compact in a commune (its kind one shared string, its evidence the one reference or an exact
/// array) without
/// changing what it says: the JSON of the commune's stream and the Orleans wire form carry every field as before.
/// </summary>
public sealed class StageValueTests
{
    private static readonly DateTimeOffset At = new(2024, 11, 20, 14, 5, 0, TimeSpan.FromHours(7));

    [Fact]
    public void A_value_read_from_json_stored_before_shares_its_kind_and_keeps_its_evidence_as_an_exact_array()
    {
        // A payload as streams stored it before this layout: camelCase (ScoreJson's web defaults), with the two
        // derived fields ("isNotEvaluated", "value") that are no longer written.
        const string Stored = """
            {"kind":"ratio","points":null,"numerator":408,"denominator":637,"count":null,"faults":null,"outOf":null,
             "yes":null,"evidence":["Báo cáo số 12/BC-UBND","Quyết định 7/QĐ-UBND"],"comment":"Đã rà soát",
             "at":"2024-11-20T14:05:00+07:00","principal":"hoidong@38","isNotEvaluated":false,
             "value":{"kind":"ratio","points":null,"numerator":408,"denominator":637,"count":null,"faults":null,"outOf":null,"yes":null}}
            """;

        var value = ScoreJson.Read<StageValue>(Stored);

        Assert.Same(ScoreValue.RatioKind, value.Kind);
        var evidence = Assert.IsType<string[]>(value.Evidence);
        Assert.Equal(["Báo cáo số 12/BC-UBND", "Quyết định 7/QĐ-UBND"], evidence);
        Assert.Equal((408m, 637m, "Đã rà soát", At, "hoidong@38"), (value.Numerator, value.Denominator, value.Comment, value.At, value.Principal));
    }

    [Fact]
    public void Its_json_has_the_stored_field_names_and_values()
    {
        var item = new ItemSubmission("1.4.3", ScoreValue.OfFaults(2, 5), "Chậm 2 hồ sơ", ["Sổ theo dõi"]);

        var json = JsonNode.Parse(ScoreJson.Write(StageValue.From(item, At, "xa@11116")))!.AsObject();

        Assert.Equal(
            new[] { "at", "comment", "count", "denominator", "evidence", "faults", "kind", "numerator", "outOf", "points", "principal", "yes" },
            json.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("faults", (string?)json["kind"]);
        Assert.Equal((2, 5), ((int?)json["faults"], (int?)json["outOf"]));
        Assert.Equal("Sổ theo dõi", (string?)json["evidence"]![0]);
        Assert.Equal("Chậm 2 hồ sơ", (string?)json["comment"]);
    }

    [Fact]
    public void A_value_from_a_submission_keeps_no_list_or_spare_slots_of_the_request()
    {
        var one = new List<string>(capacity: 8) { "Báo cáo số 5/BC-UBND" };
        var two = new List<string>(capacity: 8) { "Báo cáo số 5/BC-UBND", "Quyết định 7/QĐ-UBND" };

        var single = StageValue.From(new ItemSubmission("2.1", ScoreValue.OfPoints(1.5m), Evidence: one), At, "xa@11116");
        var pair = StageValue.From(new ItemSubmission("2.1", ScoreValue.OfPoints(1.5m), Evidence: two), At, "xa@11116");
        var none = StageValue.From(new ItemSubmission("2.2", ScoreValue.OfPoints(1m), Evidence: new List<string>()), At, "xa@11116");
        one.Add("thêm sau");
        two.Clear();

        Assert.Equal(["Báo cáo số 5/BC-UBND"], single.Evidence);
        Assert.Same(one[0], single.Evidence[0]);
        Assert.Equal(["Báo cáo số 5/BC-UBND", "Quyết định 7/QĐ-UBND"], Assert.IsType<string[]>(pair.Evidence));
        Assert.Same(Array.Empty<string>(), none.Evidence);
    }

    [Fact]
    public void Any_two_figures_read_back_as_given_and_a_third_is_refused()
    {
        var pair = new StageValue("points", 0.75m, null, null, 4m, null, null, null, [], null, At, "p");
        var faults = new StageValue("faults", null, null, null, null, 0, 12, null, [], null, At, "p");
        var no = new StageValue("yes-no", null, null, null, null, null, null, false, [], null, At, "p");

        Assert.Equal((0.75m, (decimal?)null, (decimal?)null, 4m), (pair.Points, pair.Numerator, pair.Denominator, pair.Count));
        Assert.Equal((0, 12, (bool?)null), (faults.Faults, faults.OutOf, faults.Yes));
        Assert.Equal((false, (int?)null, (decimal?)null), (no.Yes, no.Faults, no.Points));
        Assert.Throws<ArgumentException>(() => new StageValue("ratio", 1m, 2m, 3m, null, null, null, null, [], null, At, "p"));
    }

    [Fact]
    public void Every_field_crosses_the_orleans_serializer()
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(StageValue).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var values = new[]
        {
            new StageValue("points", 1.25m, null, null, null, null, null, null, ["a", "b"], "ghi chú", At, "xa@11116"),
            new StageValue("ratio", null, 408m, 637m, null, null, null, null, [], null, At, "hoidong@38"),
            new StageValue("count", null, null, null, 3m, null, null, null, ["c"], null, At, "p"),
            new StageValue("faults", null, null, null, null, 2, 5, null, [], null, At, "p"),
            new StageValue("yes-no", null, null, null, null, null, null, true, [], null, At, "p"),
        };

        foreach (var value in values)
        {
            var copy = serializer.Deserialize<StageValue>(serializer.SerializeToArray(value))!;

            Assert.Equal(
                (value.Kind, value.Points, value.Numerator, value.Denominator, value.Count, value.Faults, value.OutOf, value.Yes, value.Comment, value.At, value.Principal),
                (copy.Kind, copy.Points, copy.Numerator, copy.Denominator, copy.Count, copy.Faults, copy.OutOf, copy.Yes, copy.Comment, copy.At, copy.Principal));
            Assert.Equal(value.Evidence, copy.Evidence);
        }
    }
}
