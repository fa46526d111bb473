using Cchc.Api.V1;
using Cchc.Security.Policy;

namespace Cchc.Security.Tests;

/// <summary>
/// Every operation against every role, from a matrix written out by hand from the rules in the issue (not from
/// the policy's code). Hải Dương (30): commune 11116 Xã Quang Khải is in district 298 Huyện Tứ Kỳ, commune 10507
/// Phường Cẩm Thượng in district 288 Thành phố Hải Dương. Thái Nguyên (19): commune 05914 Xã Đồng Liên in district
/// 164 up to 2024; commune 01840 Phường Đức Xuân as of 2025, with no district.
/// </summary>
public sealed class AccessPolicyMatrixTests
{
    // Y = allowed, . = denied. Columns are the principals below; rows the operations below.
    private const string Matrix = """
                                    CO  AD  AD2 AP  PA  V   CO19 AD19 AP19 PA19 V19 NV
        ReadUnits                   Y   Y   Y   Y   Y   Y   Y    Y    Y    Y    Y   Y
        ReadFramework30             Y   Y   Y   Y   Y   Y   Y    Y    Y    Y    Y   Y
        ImportUnits30               .   .   .   .   Y   .   .    .    .    .    .   .
        ImportUnits19               .   .   .   .   .   .   .    .    .    Y    .   .
        PutFramework30              .   .   .   .   Y   .   .    .    .    .    .   .
        PutFramework19              .   .   .   .   .   .   .    .    .    Y    .   .
        Publish30                   .   .   .   .   Y   .   .    .    .    .    .   .
        PublishDistrict298          .   .   .   .   Y   .   .    .    .    .    .   .
        Publish19                   .   .   .   .   .   .   .    .    .    Y    .   .
        SetDeadlines30              .   .   .   .   Y   .   .    .    .    .    .   .
        SetDeadlinesDistrict298     .   .   .   .   Y   .   .    .    .    .    .   .
        SetDeadlines19              .   .   .   .   .   .   .    .    .    Y    .   .
        ExtendDeadline30_11116      .   .   .   .   Y   .   .    .    .    .    .   .
        ExtendDeadline298_11116     .   .   .   .   Y   .   .    .    .    .    .   .
        ExtendDeadline19_05914      .   .   .   .   .   .   .    .    .    Y    .   .
        SelfAssess11116             Y   .   .   .   .   .   .    .    .    .    .   .
        Explain11116                Y   .   .   .   .   .   .    .    .    .    .   .
        SelfAssess10507             .   .   .   .   .   .   .    .    .    .    .   .
        SelfAssess05914             .   .   .   .   .   .   Y    .    .    .    .   .
        Appraise1_11116             .   Y   .   Y   .   .   .    .    .    .    .   .
        Appraise2_11116             .   Y   .   Y   .   .   .    .    .    .    .   .
        Appraise1_10507             .   .   Y   Y   .   .   .    .    .    .    .   .
        Appraise2_05914             .   .   .   .   .   .   .    Y    Y    .    .   .
        Appraise1_01840_2025        .   .   .   .   .   .   .    .    Y    .    .   .
        Survey11116                 .   .   .   .   Y   .   .    .    .    .    .   .
        Survey05914                 .   .   .   .   .   .   .    .    .    Y    .   .
        UnspecifiedStage11116       .   .   .   .   .   .   .    .    .    .    .   .
        ReadScope30Unpublished      Y   Y   Y   Y   Y   Y   .    .    .    .    .   Y
        ReadScope298Unpublished     Y   Y   Y   Y   Y   Y   .    .    .    .    .   Y
        ReadScope19Unpublished      .   .   .   .   .   .   Y    Y    Y    Y    Y   Y
        ReadScope30Published        Y   Y   Y   Y   Y   Y   Y    Y    Y    Y    Y   Y
        ReadScope298Published       Y   Y   Y   Y   Y   Y   Y    Y    Y    Y    Y   Y
        ReadCommune11116Unpublished Y   Y   Y   Y   Y   Y   .    .    .    .    .   Y
        ReadCommune05914Unpublished .   .   .   .   .   .   Y    Y    Y    Y    Y   Y
        ReadCommune11116Published   Y   Y   Y   Y   Y   Y   Y    Y    Y    Y    Y   Y
        VerifyAudit30               .   .   .   .   Y   .   .    .    .    .    .   Y
        VerifyAuditDistrict298      .   .   .   .   Y   .   .    .    .    .    .   Y
        VerifyAudit19               .   .   .   .   .   .   .    .    .    Y    .   Y
        """;

    private static readonly Dictionary<string, CchcPrincipal> Principals = new(StringComparer.Ordinal)
    {
        ["CO"] = CchcPrincipal.CommuneOfficer("ubnd.quangkhai", "30", "11116"),
        ["AD"] = CchcPrincipal.Appraiser("hdtd.tuky", "30", "298"),
        ["AD2"] = CchcPrincipal.Appraiser("hdtd.tp-haiduong", "30", "288"),
        ["AP"] = CchcPrincipal.Appraiser("hdtd.haiduong", "30"),
        ["PA"] = CchcPrincipal.ProvinceAdmin("snv.haiduong", "30"),
        ["V"] = CchcPrincipal.Viewer("xem.haiduong", "30"),
        ["CO19"] = CchcPrincipal.CommuneOfficer("ubnd.donglien", "19", "05914"),
        ["AD19"] = CchcPrincipal.Appraiser("hdtd.tp-thainguyen", "19", "164"),
        ["AP19"] = CchcPrincipal.Appraiser("hdtd.thainguyen", "19"),
        ["PA19"] = CchcPrincipal.ProvinceAdmin("snv.thainguyen", "19"),
        ["V19"] = CchcPrincipal.Viewer("xem.thainguyen", "19"),
        ["NV"] = CchcPrincipal.NationalViewer("bonoivu"),
    };

    private static readonly Dictionary<string, CchcOperation> Operations = new(StringComparer.Ordinal)
    {
        ["ReadUnits"] = new ReadUnits(),
        ["ReadFramework30"] = new ReadFramework("30"),
        ["ImportUnits30"] = new ImportUnits("30"),
        ["ImportUnits19"] = new ImportUnits("19"),
        ["PutFramework30"] = new PutFramework("30"),
        ["PutFramework19"] = new PutFramework("19"),
        ["Publish30"] = new Publish("30", "30"),
        ["PublishDistrict298"] = new Publish("298", "30"),
        ["Publish19"] = new Publish("19", "19"),
        ["VerifyAudit30"] = new VerifyAudit("30", "30"),
        ["VerifyAuditDistrict298"] = new VerifyAudit("298", "30"),
        ["VerifyAudit19"] = new VerifyAudit("19", "19"),
        ["SetDeadlines30"] = new SetDeadlines("30", "30"),
        ["SetDeadlinesDistrict298"] = new SetDeadlines("298", "30"),
        ["SetDeadlines19"] = new SetDeadlines("19", "19"),
        ["ExtendDeadline30_11116"] = new ExtendDeadline("30", "30", "11116"),
        ["ExtendDeadline298_11116"] = new ExtendDeadline("298", "30", "11116"),
        ["ExtendDeadline19_05914"] = new ExtendDeadline("19", "19", "05914"),
        ["SelfAssess11116"] = new SubmitScores(Stage.SelfAssessment, "11116", "30", "298"),
        ["Explain11116"] = new SubmitScores(Stage.Explanation, "11116", "30", "298"),
        ["SelfAssess10507"] = new SubmitScores(Stage.SelfAssessment, "10507", "30", "288"),
        ["SelfAssess05914"] = new SubmitScores(Stage.SelfAssessment, "05914", "19", "164"),
        ["Appraise1_11116"] = new SubmitScores(Stage.AppraisalRound1, "11116", "30", "298"),
        ["Appraise2_11116"] = new SubmitScores(Stage.AppraisalRound2, "11116", "30", "298"),
        ["Appraise1_10507"] = new SubmitScores(Stage.AppraisalRound1, "10507", "30", "288"),
        ["Appraise2_05914"] = new SubmitScores(Stage.AppraisalRound2, "05914", "19", "164"),
        ["Appraise1_01840_2025"] = new SubmitScores(Stage.AppraisalRound1, "01840", "19", null),
        ["Survey11116"] = new SubmitScores(Stage.Survey, "11116", "30", "298"),
        ["Survey05914"] = new SubmitScores(Stage.Survey, "05914", "19", "164"),
        ["UnspecifiedStage11116"] = new SubmitScores(Stage.Unspecified, "11116", "30", "298"),
        ["ReadScope30Unpublished"] = new ReadScope("30", "30", published: false),
        ["ReadScope298Unpublished"] = new ReadScope("298", "30", published: false),
        ["ReadScope19Unpublished"] = new ReadScope("19", "19", published: false),
        ["ReadScope30Published"] = new ReadScope("30", "30", published: true),
        ["ReadScope298Published"] = new ReadScope("298", "30", published: true),
        ["ReadCommune11116Unpublished"] = new ReadCommune("11116", "30", published: false),
        ["ReadCommune05914Unpublished"] = new ReadCommune("05914", "19", published: false),
        ["ReadCommune11116Published"] = new ReadCommune("11116", "30", published: true),
    };

    private static readonly AccessPolicy Policy = new();

    public static TheoryData<string> Rows() => [.. ParseMatrix().Rows.Keys];

    [Fact]
    public void The_matrix_covers_every_principal_and_every_operation_type()
    {
        (string[] columns, Dictionary<string, bool[]> rows) = ParseMatrix();

        Assert.Equal(Principals.Keys.Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
        Assert.Equal(Operations.Keys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(Enum.GetValues<CchcRole>(), role => Assert.Contains(Principals.Values, p => p.Role == role));
        Type[] operationTypes = [.. typeof(CchcOperation).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CchcOperation)))];
        Assert.All(operationTypes, type => Assert.Contains(Operations.Values, op => op.GetType() == type));
        Assert.All(Enum.GetValues<Stage>(), stage => Assert.Contains(Operations.Values, op => op is SubmitScores s && s.Stage == stage));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_role_is_allowed_exactly_what_the_matrix_says(string row)
    {
        (string[] columns, Dictionary<string, bool[]> rows) = ParseMatrix();
        CchcOperation operation = Operations[row];
        var wrong = new List<string>();
        for (int i = 0; i < columns.Length; i++)
        {
            CchcPrincipal principal = Principals[columns[i]];
            AccessDecision decision = Policy.Authorize(principal, operation);
            if (decision.Allowed != rows[row][i])
            {
                wrong.Add($"{columns[i]}: expected {(rows[row][i] ? "allowed" : "denied")}, got '{decision.Reason}'");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_denial_names_the_principal_scope_and_the_scope_it_touched(string row)
    {
        CchcOperation operation = Operations[row];
        foreach (CchcPrincipal principal in Principals.Values)
        {
            AccessDecision decision = Policy.Authorize(principal, operation);
            if (decision.Allowed)
            {
                continue;
            }

            Assert.StartsWith(char.ToUpperInvariant(principal.Description[0]) + principal.Description[1..] + " may not ", decision.Reason, StringComparison.Ordinal);
            foreach (string code in ScopeCodes(operation))
            {
                Assert.Contains(code, decision.Reason, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Denials_read_as_sentences_a_person_can_act_on()
    {
        Assert.Equal(
            "Appraiser of district 298 may not appraise commune 10507 of district 288: only an appraiser of district 288 or of province 30 may.",
            Policy.Authorize(Principals["AD"], Operations["Appraise1_10507"]).Reason);
        Assert.Equal(
            "Appraiser of district 164 may not appraise commune 01840 of province 19: only an appraiser of province 19 may (the commune has no district in that year).",
            Policy.Authorize(Principals["AD19"], Operations["Appraise1_01840_2025"]).Reason);
        Assert.Equal(
            "Commune officer of commune 11116 may not self-assess commune 10507: only a commune officer of commune 10507 may.",
            Policy.Authorize(Principals["CO"], Operations["SelfAssess10507"]).Reason);
        Assert.Equal(
            "Province administrator of province 19 may not enter survey points for commune 11116 of province 30: only a province administrator of province 30 may.",
            Policy.Authorize(Principals["PA19"], Operations["Survey11116"]).Reason);
        Assert.Equal(
            "Viewer of province 19 may not read the unpublished results of district 298 of province 30: until they are published, " +
            "the results of province 30 are readable only inside that province and by national viewers.",
            Policy.Authorize(Principals["V19"], Operations["ReadScope298Unpublished"]).Reason);
        Assert.Equal("Viewer of province 30 may read the published results of province 30.",
            Policy.Authorize(Principals["V"], Operations["ReadScope30Published"]).Reason);
    }

    [Fact]
    public void The_cross_province_setting_opens_unpublished_reads_and_nothing_else()
    {
        var open = new AccessPolicy(new AccessPolicyOptions { AllowCrossProvinceUnpublishedReads = true });
        (string[] columns, Dictionary<string, bool[]> rows) = ParseMatrix();
        foreach ((string row, bool[] expected) in rows)
        {
            CchcOperation operation = Operations[row];
            bool unpublishedRead = operation is ReadScope { Published: false } or ReadCommune { Published: false };
            for (int i = 0; i < columns.Length; i++)
            {
                bool allowed = open.Authorize(Principals[columns[i]], operation).Allowed;
                Assert.True(allowed == (expected[i] || unpublishedRead), $"{row} / {columns[i]}");
            }
        }
    }

    private static IEnumerable<string> ScopeCodes(CchcOperation operation) => operation switch
    {
        ImportUnits op => [op.ProvinceCode],
        PutFramework op => [op.ProvinceCode],
        ReadFramework op => [op.ProvinceCode],
        Publish op => [op.ScopeCode, op.ProvinceCode],
        SetDeadlines op => [op.ScopeCode, op.ProvinceCode],
        ExtendDeadline op => [op.ScopeCode, op.ProvinceCode, op.CommuneCode],
        SubmitScores op => [op.CommuneCode],
        ReadScope op => [op.ScopeCode, op.ProvinceCode],
        ReadCommune op => [op.CommuneCode, op.ProvinceCode],
        _ => [],
    };

    private static (string[] Columns, Dictionary<string, bool[]> Rows) ParseMatrix()
    {
        string[] lines = Matrix.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] columns = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rows = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(cells.Length == columns.Length + 1, $"Row '{cells[0]}' has {cells.Length - 1} cells for {columns.Length} columns.");
            rows.Add(cells[0], [.. cells.Skip(1).Select(c => c == "Y" ? true : c == "." ? false : throw new FormatException($"Cell '{c}' in row {cells[0]}."))]);
        }

        return (columns, rows);
    }
}
