using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rpc;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc units list [--parent CODE] --year Y</c>.</summary>
internal sealed class UnitsListCommand : Command
{
    private const int PageSize = 1000;

    public UnitsListCommand(CliContext context, GlobalOptions global)
        : base("list", "List the units under a parent (the provinces when --parent is left out).")
    {
        Add(Parent);
        Add(Year);
        this.SetServerAction(context, global, (result, connection, ct) => RunAsync(context.Console, result, connection, ct));
    }

    public Option<string> Parent { get; } = CliOptions.Code("--parent", "The parent's code: a province (2 digits) or a district (3 digits).", required: false, 2, 3);

    public Option<int> Year { get; } = new PeriodOptions(allowPartYear: false).Year;

    public ListUnitsRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ListUnitsRequest { ParentCode = result.GetValue(Parent) ?? string.Empty, Year = result.GetValue(Year), PageSize = PageSize };
    }

    private async Task<int> RunAsync(IAnsiConsole console, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var request = ToRequest(result);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Mã");
        table.AddColumn("Tên");
        table.AddColumn("Loại");
        table.AddColumn("Cấp trên");
        table.AddColumn("Hình thành từ");
        var total = 0;
        do
        {
            var page = await connection.Clients.Registry.ListUnitsAsync(request, cancellationToken: cancellationToken);
            total = page.TotalCount;
            foreach (var unit in page.Units)
            {
                var predecessors = string.Join(", ", unit.Predecessors.Select(p => $"{p.Code} {p.Name}{(p.Partial ? " (một phần)" : string.Empty)}"));
                table.AddRow(new Text(unit.Code), new Text(unit.Name), new Text(unit.Type), new Text(unit.ParentCode), new Text(predecessors));
            }

            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        table.Caption($"{total} đơn vị, năm {request.Year}");
        console.Write(table);
        return ExitCodes.Success;
    }
}
