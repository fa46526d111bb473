using Cchc.Security.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Security.Tests;

/// <summary>Options with a fresh key and a manual clock, as each test needs its own.</summary>
internal static class TestKeys
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static CchcTokenOptions Options(string? key = null) => new()
    {
        Issuer = "cchc-test",
        Audience = "cchc-api",
        SigningKeys = [key ?? SigningKey.Generate()],
    };

    public static FakeTimeProvider Clock() => new(Start);
}
