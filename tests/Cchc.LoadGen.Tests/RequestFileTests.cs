using Cchc.Api.V1;
using Cchc.LoadGen.Anchors;

namespace Cchc.LoadGen.Tests;

/// <summary>The request bodies h2load sends in the anchors: one gRPC message, framed as grpc-dotnet reads it.</summary>
public sealed class RequestFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cchc-request-{Guid.NewGuid():N}.bin");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task With_a_page_size_the_file_asks_for_the_scopes_first_page_of_that_size()
    {
        await RequestFile.RunAsync(["--out", _path, "--scope", "38", "--year", "2023", "--page-size", "20"], TextWriter.Null, CancellationToken.None);

        var request = GetRankingRequest.Parser.ParseFrom(Body(await File.ReadAllBytesAsync(_path)));
        Assert.Equal(("38", 2023, 20, ""), (request.ScopeCode, request.Period.Year, request.PageSize, request.PageToken));
    }

    [Fact]
    public async Task Without_a_page_size_the_file_asks_for_one_units_rank()
    {
        await RequestFile.RunAsync(["--out", _path, "--unit", "14755", "--scope", "38"], TextWriter.Null, CancellationToken.None);

        var request = GetUnitRankRequest.Parser.ParseFrom(Body(await File.ReadAllBytesAsync(_path)));
        Assert.Equal(("14755", "38"), (request.UnitCode, request.ScopeCode));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-20")]
    public async Task A_page_size_that_is_not_positive_is_refused_and_no_file_is_written(string size)
    {
        await Assert.ThrowsAsync<BenchException>(() => RequestFile.RunAsync(["--out", _path, "--page-size", size], TextWriter.Null, CancellationToken.None));
        Assert.False(File.Exists(_path));
    }

    // gRPC's length-prefixed message: a compressed flag (0), then the length in 4 bytes, most significant first.
    private static byte[] Body(byte[] frame)
    {
        Assert.Equal(0, frame[0]);
        var length = (frame[1] << 24) | (frame[2] << 16) | (frame[3] << 8) | frame[4];
        Assert.Equal(frame.Length - 5, length);
        return frame[5..];
    }
}
