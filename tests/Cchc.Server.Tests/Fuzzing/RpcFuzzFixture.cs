using Cchc.Api.V1;
using Cchc.Storage;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// The real server on loopback over SQLite with a small real season (province 97: units, the 23-item framework, a
/// self-assessment per commune), the callers the fuzzer takes turns with (no token, a garbage token, and real tokens of
/// every role, one of another province), a raw channel, and the database's commit counter. Province 96 is a control the
/// fuzzer's vocabulary never names: it must read the same after every method; province 94 takes a valid write then.
/// </summary>
public sealed class RpcFuzzFixture : IAsyncLifetime
{
    /// <summary>Where <see cref="Callers"/> holds the target province's administrator.</summary>
    internal const int AdministratorIndex = 2;

    private const int Year = 2024;

    private GrpcChannel? _channel;
    private GetScorecardResponse? _control;

    internal TinyProvince Target { get; } = new("97", Year);

    internal TinyProvince Control { get; } = new("96", Year);

    internal TinyProvince Writable { get; } = new("94", Year);

    internal RunningServer Server { get; private set; } = null!;

    internal RawCaller Caller { get; private set; } = null!;

    internal DatabaseVersion Database { get; private set; } = null!;

    internal FuzzVocabulary Vocabulary { get; private set; } = null!;

    internal IReadOnlyList<(string Name, Metadata Headers)> Callers { get; private set; } = [];

    /// <summary>
    /// Real requests by method name, as bases for byte mutations next to the generated ones: a few methods whose valid
    /// requests random values hardly ever make (a framework tree, a unit list, windows). Not a list of what is fuzzed.
    /// </summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<byte[]>> RealRequests { get; private set; } = new Dictionary<string, IReadOnlyList<byte[]>>();

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync();
        foreach (var province in new[] { Target, Control, Writable })
        {
            await province.SeedAsync(Server);
            foreach (var commune in province.Communes)
            {
                await province.SubmitAsync(Server, province.SelfAssessment(commune, 2));
            }
        }

        _control = await Control.ScorecardAsync(Server.ClientAs(TestTokens.ProvinceAdmin(Control.Province)), Control.Communes[0]);
        Database = new DatabaseVersion(Path.Combine(Server.DataDirectory, StorageOptions.SqliteFileName));
        _channel = GrpcChannel.ForAddress(Server.Host.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = null,
        });
        Caller = new RawCaller(_channel.CreateCallInvoker());
        Vocabulary = FuzzVocabulary.For(Target, SeasonFramework.Leaves().Concat(SeasonFramework.Fields).Select(s => s.Code).Distinct());
        var p = Target.Province;
        Callers =
        [
            ("no token", []),
            ("a garbage token", TestTokens.Bearer("not.a.token").Headers!),
            ("the province administrator", Headers(TestTokens.ProvinceAdmin(p))),
            ("the province appraiser", Headers(TestTokens.Appraiser(p))),
            ("the district appraiser", Headers(TestTokens.Appraiser(p, Target.District))),
            ("a commune officer", Headers(TestTokens.CommuneOfficer(p, Target.Communes[0]))),
            ("a viewer", Headers(TestTokens.Viewer(p))),
            ("the national viewer", Headers(TestTokens.National)),
            ("another province's administrator", Headers(TestTokens.ProvinceAdmin("95"))),
        ];
        var now = DeadlineTimes.Now();
        var appraisal = Target.SelfAssessment(Target.Communes[0], 1);
        appraisal.Stage = Stage.AppraisalRound1;
        RealRequests = new Dictionary<string, IReadOnlyList<byte[]>>(StringComparer.Ordinal)
        {
            ["cchc.v1.RegistryService/ImportUnits"] = [Target.ImportRequest().ToByteArray()],
            ["cchc.v1.FrameworkService/PutFramework"] = [SeasonFramework.ToRequest(p, Year).ToByteArray()],
            ["cchc.v1.ScoringService/SubmitScores"] = [Target.SelfAssessment(Target.Communes[0], 1.5m).ToByteArray(), Target.SelfAssessment(Target.Communes[0], 3, "key-1").ToByteArray(), appraisal.ToByteArray()],
            ["cchc.v1.ScoringService/GetScorecard"] = [new GetScorecardRequest { CommuneCode = Target.Communes[0], Period = Rpc.Year(Year) }.ToByteArray()],
            ["cchc.v1.RankingService/GetRanking"] = [new GetRankingRequest { ScopeCode = p, Period = Rpc.Year(Year) }.ToByteArray()],
            ["cchc.v1.DeadlineService/SetDeadlines"] = [DeadlineTimes.Set(p, Year,
                DeadlineTimes.Window(Stage.SelfAssessment, now.AddDays(-30), now.AddDays(30)),
                DeadlineTimes.Window(Stage.Survey, now.AddDays(-30), now.AddDays(30))).ToByteArray()],
        };
    }

    /// <summary>Fails unless the server still serves: health says SERVING, the control province reads as it did, and province 94 takes a valid write (the fuzzed one may be published or closed by now).</summary>
    internal async Task AssertAliveAsync()
    {
        var admin = Server.ClientAs(TestTokens.ProvinceAdmin(Control.Province));
        var health = await admin.Health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(_control, await Control.ScorecardAsync(admin, Control.Communes[0]));
        var write = Writable.SelfAssessment(Writable.Communes[0], 2.5m);
        Assert.Equal(1, (await Writable.SubmitAsync(Server, write)).AcceptedCount);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        Database?.Dispose();
        await Server.DisposeAsync();
    }

    private Metadata Headers(Cchc.Security.CchcPrincipal principal) => Server.Tokens.As(principal).Headers!;
}
