using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Cchc.Server.Mapping;

/// <summary>Checks of request shape at the edge: each refusal is INVALID_ARGUMENT naming the field.</summary>
internal static class ApiArguments
{
    private const string TokenPrefix = "cchc-offset:";

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static string ProvinceCode(string? code, string field) =>
        IsDigits(code, 2) ? code! : throw Invalid($"{field} '{code}' is not a province code; give its 2 digits, e.g. 06.");

    public static string CommuneCode(string? code, string field) =>
        IsDigits(code, 5) ? code! : throw Invalid($"{field} '{code}' is not a commune code; give its 5 digits, e.g. 05914.");

    /// <summary>A province (2 digits) or district (3 digits).</summary>
    public static string ScopeCode(string? code, string field) =>
        IsDigits(code, 2) || IsDigits(code, 3)
            ? code!
            : throw Invalid($"{field} '{code}' is not a scope; give a province's 2-digit code or a district's 3-digit code.");

    public static int Year(int year, string field) =>
        year is >= 2000 and <= 2200 ? year : throw Invalid($"{field} {year} is out of range; give a year from 2000 to 2200.");

    /// <summary>0 → the default; otherwise 1 to max.</summary>
    public static int PageSize(int pageSize, int defaultSize, int max, string field = "page_size") =>
        pageSize == 0 ? defaultSize
        : pageSize >= 1 && pageSize <= max ? pageSize
        : throw Invalid($"{field} {pageSize} is out of range; give 1 to {max}, or 0 for {defaultSize}.");

    /// <summary>The offset an opaque page token carries; 0 for an empty token.</summary>
    public static int PageOffset(string? token, string field = "page_token")
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(TokenPrefix, StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw Invalid($"{field} '{token}' is not a token this server gave; pass next_page_token from the previous page, or nothing for the first.");
    }

    public static string PageToken(int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TokenPrefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static string Field(string? code) => string.IsNullOrEmpty(code) ? "" : code;

    private static bool IsDigits(string? code, int length) =>
        code is not null && code.Length == length && code.All(char.IsAsciiDigit);
}
