using System.Globalization;

namespace Cchc.Core.Deadlines;

/// <summary>
/// Times as Vietnamese officials read them: Indochina Time, UTC+7 all year (Vietnam keeps no daylight saving), days
/// written dd/MM/yyyy. Windows are half-open, so a window that closes at midnight is shown closing at 24:00 of the
/// day before ("31/10/2023 24:00", the end of 31 October), which is how a letter's "hoàn thành trước ngày" is meant.
/// </summary>
public static class VietnamTime
{
    /// <summary>+07:00.</summary>
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(7);

    /// <summary>The suffix every message with a time carries.</summary>
    public const string Zone = "Vietnam time, UTC+7";

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>
    /// Reads an RFC 3339 time that carries its offset ("2023-10-31T23:59:59+07:00", "2023-10-31T16:59:59Z"). A time
    /// without an offset is refused: it would mean the server's zone, which is nobody's intent.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var upper = text.Trim().Replace('t', 'T').Replace('z', 'Z');
        return DateTimeOffset.TryParseExact(upper, Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    /// <summary>RFC 3339 in Vietnam time: "2023-10-31T23:59:59+07:00" (fractions of a second only when there are some).</summary>
    public static string ToRfc3339(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// A window's opening as people write it: "01/10/2023 00:00".
    /// </summary>
    public static string Opening(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A window's (exclusive) closing as people write it: midnight is "24:00" of the day that ends, so a window closing at
    /// 2023-11-01T00:00+07:00 reads "31/10/2023 24:00"; any other time as it is, e.g. "31/10/2023 23:59".
    /// </summary>
    public static string Closing(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + " 24:00"
            : local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>00:00 of a Vietnam calendar day.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
