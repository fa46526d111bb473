using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.Server.Tests;

/// <summary>
/// Windows set around the real current time, so a test needs no sleep, and the times written out as the tests expect
/// to read them (Vietnam time, UTC+7), independently of the server's formatting.
/// </summary>
internal static class DeadlineTimes
{
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);

    /// <summary>Now, to the minute, in Vietnam time; never exactly midnight (a close then reads "24:00" of the day before).</summary>
    public static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(Hanoi);
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, Hanoi);
        return minute.TimeOfDay == TimeSpan.Zero ? minute.AddMinutes(1) : minute;
    }

    /// <summary>"31/10/2023 23:59".</summary>
    public static string Vn(DateTimeOffset time) => time.ToOffset(Hanoi).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"2023-10-31T23:59:00+07:00".</summary>
    public static string Rfc(DateTimeOffset time) => time.ToOffset(Hanoi).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+07:00";

    public static StageWindow Window(Stage stage, DateTimeOffset opens, DateTimeOffset closes) =>
        new() { Stage = stage, OpensAt = Rfc(opens), ClosesAt = Rfc(closes) };

    public static SetDeadlinesRequest Set(string scope, int year, params StageWindow[] windows)
    {
        var request = new SetDeadlinesRequest { ScopeCode = scope, Period = Rpc.Year(year) };
        request.Windows.Add(windows);
        return request;
    }

    public static GetDeadlinesRequest Get(string scope, int year) => new() { ScopeCode = scope, Period = Rpc.Year(year) };

    public static ExtendDeadlineRequest Extend(string scope, int year, string commune, Stage stage, string closesAt, string reason) =>
        new() { ScopeCode = scope, Period = Rpc.Year(year), CommuneCode = commune, Stage = stage, ClosesAt = closesAt, Reason = reason };
}
