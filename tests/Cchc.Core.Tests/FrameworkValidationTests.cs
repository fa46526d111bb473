using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;
using Cchc.Core.Tests.Support;
using static Cchc.Core.Frameworks.FrameworkNode;

namespace Cchc.Core.Tests;

public sealed class FrameworkValidationTests
{
    [Fact]
    public void The_real_frameworks_are_valid_and_total_100()
    {
        foreach (var definition in new[] { TestFrameworks.ThaiNguyen2021Definition(), TestFrameworks.HaiDuong2022Definition() })
        {
            Assert.Empty(Framework.Validate(definition));
            Assert.Equal(100m, definition.Fields.Sum(f => f.Max));
        }

        Assert.Equal(8, TestFrameworks.ThaiNguyen2021().Fields.Count);
        Assert.Equal(10, TestFrameworks.HaiDuong2022().Fields.Count);
    }

    /// <summary>Replaces field 1 of Thái Nguyên 2021 (10 points) with the given node.</summary>
    private static FrameworkDefinition WithField1(FrameworkNode field1)
    {
        var definition = TestFrameworks.ThaiNguyen2021Definition();
        return definition with { Fields = [field1, .. definition.Fields.Skip(1)] };
    }

    private static FrameworkNode Manual(string code, decimal max) => Leaf(code, "Mục " + code, max, new ManualPoints());

    public static TheoryData<string, FrameworkDefinition, FrameworkProblemKind, string> NodeProblems => new()
    {
        { "malformed letters", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.a", 4), Manual("1.2", 6))), FrameworkProblemKind.MalformedCode, "1.a" },
        { "malformed leading zero", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.01", 4), Manual("1.2", 6))), FrameworkProblemKind.MalformedCode, "1.01" },
        { "malformed double dot", WithField1(Group("1", "Chỉ đạo", 10, Manual("1..2", 4), Manual("1.2", 6))), FrameworkProblemKind.MalformedCode, "1..2" },
        { "duplicate", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.5", 4), Manual("1.5", 6))), FrameworkProblemKind.DuplicateCode, "1.5" },
        { "child of another parent", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.1", 4), Manual("2.1", 6))), FrameworkProblemKind.CodeDoesNotExtendParent, "2.1" },
        { "skips a level", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.1", 4), Manual("1.2.1", 6))), FrameworkProblemKind.CodeDoesNotExtendParent, "1.2.1" },
        { "field with a dotted code", WithField1(Manual("1.1", 10)), FrameworkProblemKind.CodeDoesNotExtendParent, "1.1" },
        {
            "five levels",
            WithField1(Group("1", "Chỉ đạo", 10, Group("1.1", "a", 10, Group("1.1.1", "b", 10, Group("1.1.1.1", "c", 10, Manual("1.1.1.1.1", 10)))))),
            FrameworkProblemKind.TooDeep,
            "1.1.1.1.1"
        },
        { "empty name", WithField1(Group("1", "Chỉ đạo", 10, Leaf("1.1", " ", 4, new ManualPoints()), Manual("1.2", 6))), FrameworkProblemKind.MissingName, "1.1" },
        { "zero maximum", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.1", 0), Manual("1.2", 10))), FrameworkProblemKind.InvalidMaximum, "1.1" },
        { "three-decimal maximum", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.1", 4.125m), Manual("1.2", 6))), FrameworkProblemKind.InvalidMaximum, "1.1" },
        { "parent not the sum", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.1", 4), Manual("1.2", 5))), FrameworkProblemKind.MaximumNotSumOfChildren, "1" },
        { "leaf without method", WithField1(Group("1", "Chỉ đạo", 10, new FrameworkNode("1.1", "a", 4), Manual("1.2", 6))), FrameworkProblemKind.LeafWithoutMethod, "1.1" },
        { "parent with method", WithField1(new FrameworkNode("1", "Chỉ đạo", 10, new ManualPoints(), Children: [Manual("1.1", 10)])), FrameworkProblemKind.ParentWithMethod, "1" },
        {
            "bonus with children",
            WithField1(Group("1", "Chỉ đạo", 10, Manual("1.1", 10), new FrameworkNode("1.2", "Thưởng", 1, new BonusMethod(), Children: [Leaf("1.2.1", "x", 1, new BonusMethod())]))),
            FrameworkProblemKind.BonusOrPenaltyWithChildren,
            "1.2"
        },
        { "threshold above 1", WithField1(Group("1", "Chỉ đạo", 10, Leaf("1.1", "a", 4, new RatioMethod(1.5m)), Manual("1.2", 6))), FrameworkProblemKind.InvalidMethodParameter, "1.1" },
        { "zero target", WithField1(Group("1", "Chỉ đạo", 10, Leaf("1.1", "a", 4, new CountTargetMethod(0)), Manual("1.2", 6))), FrameworkProblemKind.InvalidMethodParameter, "1.1" },
        { "zero deduction", WithField1(Group("1", "Chỉ đạo", 10, Leaf("1.1", "a", 4, new DeductionPerFaultMethod(0)), Manual("1.2", 6))), FrameworkProblemKind.InvalidMethodParameter, "1.1" },
        { "deduction too precise", WithField1(Group("1", "Chỉ đạo", 10, Leaf("1.1", "a", 4, new DeductionPerFaultMethod(0.125m)), Manual("1.2", 6))), FrameworkProblemKind.InvalidMethodParameter, "1.1" },
        { "negative penalty rate", WithField1(Group("1", "Chỉ đạo", 10, Manual("1.1", 10), Leaf("1.2", "Trừ", 2, new PenaltyMethod(-1m)))), FrameworkProblemKind.InvalidMethodParameter, "1.2" },
    };

    [Theory]
    [MemberData(nameof(NodeProblems))]
    public void Each_node_problem_is_reported_with_its_code(string because, FrameworkDefinition definition, FrameworkProblemKind kind, string code)
    {
        var problems = Framework.Validate(definition);

        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.True(code == problem.Code, because);
        Assert.Contains($"'{code}'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_total_other_than_the_declared_one_is_reported_with_both_figures()
    {
        var definition = TestFrameworks.ThaiNguyen2021Definition() with { DeclaredTotal = 90 };

        var problem = Assert.Single(Framework.Validate(definition));

        Assert.Equal(FrameworkProblemKind.TotalMismatch, problem.Kind);
        Assert.Null(problem.Code);
        Assert.Contains("100", problem.Message, StringComparison.Ordinal);
        Assert.Contains("90", problem.Message, StringComparison.Ordinal);
    }

    public static TheoryData<ClassBand[], FrameworkProblemKind, string> BandProblems => new()
    {
        { [new("Tốt", 80), new("Xuất sắc", 90), new("Yếu", 0)], FrameworkProblemKind.BandsOutOfOrder, "Xuất sắc" },
        { [new("Tốt", 80), new("Khá", 80), new("Yếu", 0)], FrameworkProblemKind.BandsOutOfOrder, "Khá" },
        { [new("Tốt", 80), new("Tốt", 70), new("Yếu", 0)], FrameworkProblemKind.InvalidBand, "Tốt" },
        { [new("Tốt", 120), new("Yếu", 0)], FrameworkProblemKind.InvalidBand, "Tốt" },
        { [new("Tốt", 80), new("Yếu", 10)], FrameworkProblemKind.InvalidBand, "Yếu" },
    };

    [Theory]
    [MemberData(nameof(BandProblems))]
    public void Band_problems_name_the_band(ClassBand[] bands, FrameworkProblemKind kind, string band)
    {
        var definition = TestFrameworks.ThaiNguyen2021Definition() with { Bands = bands };

        var problem = Assert.Single(Framework.Validate(definition));

        Assert.Equal(kind, problem.Kind);
        Assert.Equal(band, problem.Code);
        Assert.Contains($"'{band}'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fields_periods_and_bands_are_reported()
    {
        var definition = new FrameworkDefinition("Trống", 2024, [], [], []);

        var kinds = Framework.Validate(definition).Select(p => p.Kind).ToList();

        Assert.Equal([FrameworkProblemKind.NoFields, FrameworkProblemKind.NoPeriods, FrameworkProblemKind.InvalidBand], kinds);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_Create_refuses_the_definition()
    {
        var definition = WithField1(Group("1", "Chỉ đạo", 10, Manual("1.x", 4), Manual("1.2", 4), Manual("1.2", 1))) with
        {
            Bands = [new("Khá", 70), new("Tốt", 80), new("Yếu", 0)],
            DeclaredTotal = 99,
        };

        var error = Assert.Throws<FrameworkValidationException>(() => Framework.Create(definition));

        Assert.Equal(
            [
                (FrameworkProblemKind.MalformedCode, (string?)"1.x"),
                (FrameworkProblemKind.DuplicateCode, "1.2"),
                (FrameworkProblemKind.MaximumNotSumOfChildren, "1"),
                (FrameworkProblemKind.TotalMismatch, null),
                (FrameworkProblemKind.BandsOutOfOrder, "Tốt"),
            ],
            error.Problems.Select(p => (p.Kind, p.Code)).OrderBy(p => p.Kind).ToList());
        Assert.All(error.Problems, p => Assert.Contains(p.Message, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Bonus_and_penalty_leaves_stay_outside_the_parent_maximum_and_the_total()
    {
        var field1 = Group("1", "Chỉ đạo", 10, Manual("1.1", 10), Leaf("1.2", "Điểm thưởng", 1, new BonusMethod()), Leaf("1.3", "Điểm trừ", 2, new PenaltyMethod()));

        Assert.Empty(Framework.Validate(WithField1(field1)));
        var withExtras = TestFrameworks.HaiDuong2022WithBonusAndPenalty();
        Assert.Equal(105m, withExtras.Fields.Sum(f => f.Max));
        Assert.Equal(100m, withExtras.Fields.Where(f => f.Role == ItemRole.Regular).Sum(f => f.Max));
    }

    [Fact]
    public void A_lower_level_may_add_one_level_of_sub_criteria_under_a_province_item()
    {
        // A district refines Thái Nguyên's 3.2.4 (14 points) into two items of its own: depth 4 is allowed.
        var definition = TestFrameworks.ThaiNguyen2021Definition();
        var field3 = definition.Fields[2];
        var onestop = field3.Children[1];
        var refined = onestop with
        {
            Children = [.. onestop.Children.Take(3), Group("3.2.4", "Giải quyết hồ sơ đúng hạn", 14, Manual("3.2.4.1", 10), Manual("3.2.4.2", 4))],
        };
        var local = definition with { Fields = [.. definition.Fields.Take(2), field3 with { Children = [field3.Children[0], refined] }, .. definition.Fields.Skip(3)] };

        var framework = Framework.Create(local);

        Assert.Equal(["3.2.4.1", "3.2.4.2"], framework.LeavesUnder("3.2.4").Select(l => l.Code));
    }

    [Fact]
    public void Item_codes_sort_numerically_with_a_parent_first()
    {
        string[] codes = ["2", "1.10", "1.9", "1", "10", "1.9.1", "3.12.2", "3.2"];

        var sorted = codes.Order(ItemCodeComparer.Instance).ToList();

        Assert.Equal(["1", "1.9", "1.9.1", "1.10", "2", "3.2", "3.12.2", "10"], sorted);
    }
}
