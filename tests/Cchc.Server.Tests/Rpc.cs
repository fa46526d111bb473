using Cchc.Api.V1;

namespace Cchc.Server.Tests;

/// <summary>Small request parts the tests share.</summary>
internal static class Rpc
{
    public static Period Year(int year) => new() { Year = year, Kind = PeriodKind.Year };
}
