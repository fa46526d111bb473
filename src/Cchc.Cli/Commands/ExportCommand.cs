using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;

namespace Cchc.Cli.Commands;

/// <summary>
/// <c>cchc export ranking|appraisal|compare|fix-plan ... --out FILE.xlsx</c>: the official tables as Excel workbooks,
/// made by the server (cchc.v1.ExportService) and saved here.
/// </summary>
internal sealed class ExportCommand : Command
{
    public ExportCommand(CliContext context, GlobalOptions global)
        : base("export", "Official tables as Excel workbooks (.xlsx): a ranking, a commune's appraisal table, a year-over-year table, a commune's fix-it plan.")
    {
        Add(Ranking(context, global));
        Add(Appraisal(context, global));
        Add(Compare(context, global));
        Add(FixPlan(context, global));
    }

    private static Command Ranking(CliContext context, GlobalOptions global)
    {
        var command = new Command("ranking", "A ranking as a province publishes it: rank, commune, district, each field's index, index, class, change against the previous period.");
        var scope = CliOptions.Scope();
        var period = new PeriodOptions();
        var field = CliOptions.Field();
        command.Add(scope);
        period.AddTo(command);
        command.Add(field);
        ExportDownload.Register(command, context, global, r => new ExportTableRequest
        {
            Kind = ExportKind.Ranking,
            ScopeCode = r.GetRequiredValue(scope),
            Period = period.ToPeriod(r),
            FieldCode = r.GetValue(field) ?? string.Empty,
        });
        return command;
    }

    private static Command Appraisal(CliContext context, GlobalOptions global)
    {
        var command = new Command("appraisal", "A commune's appraisal table (bảng thẩm định) as the councils send it: every item's maximum, self and appraised points, deduction and comment.");
        var commune = CliOptions.Commune();
        var period = new PeriodOptions();
        command.Add(commune);
        period.AddTo(command);
        ExportDownload.Register(command, context, global, r => new ExportTableRequest
        {
            Kind = ExportKind.AppraisalTable,
            CommuneCode = r.GetRequiredValue(commune),
            Period = period.ToPeriod(r),
        });
        return command;
    }

    private static Command Compare(CliContext context, GlobalOptions global)
    {
        var command = new Command("compare", "Year A against year B for every commune of a scope: index, class and rank of both years, and each field's index.");
        var scope = CliOptions.Scope();
        var yearA = Year("--year-a", "The earlier year, e.g. 2022.");
        var yearB = Year("--year-b", "The later year, e.g. 2023.");
        command.Add(scope);
        command.Add(yearA);
        command.Add(yearB);
        command.Validators.Add(r =>
        {
            if (r.GetResult(yearA) is { } a && r.GetResult(yearB) is { } b && a.GetValueOrDefault<int>() >= b.GetValueOrDefault<int>())
            {
                r.AddError("--year-a is the earlier year and must come before --year-b, e.g. --year-a 2022 --year-b 2023.");
            }
        });
        ExportDownload.Register(command, context, global, r => new ExportTableRequest
        {
            Kind = ExportKind.YearComparison,
            ScopeCode = r.GetRequiredValue(scope),
            YearA = r.GetValue(yearA),
            YearB = r.GetValue(yearB),
        });
        return command;
    }

    private static Command FixPlan(CliContext context, GlobalOptions global)
    {
        var command = new Command("fix-plan", "A commune's fix-it plan: the items where points were lost, most first, with the council's comment, owner and deadline.");
        var commune = CliOptions.Commune();
        var period = new PeriodOptions();
        var owner = new Option<string>("--owner") { Description = "Who fixes the items (written in every row); blank for the commune to fill in.", HelpName = "name" };
        var deadline = new Option<string>("--deadline") { Description = "The deadline written in every row, e.g. 30/06/2025; blank to fill in.", HelpName = "date" };
        command.Add(commune);
        period.AddTo(command);
        command.Add(owner);
        command.Add(deadline);
        ExportDownload.Register(command, context, global, r => new ExportTableRequest
        {
            Kind = ExportKind.FixPlan,
            CommuneCode = r.GetRequiredValue(commune),
            Period = period.ToPeriod(r),
            Owner = r.GetValue(owner) ?? string.Empty,
            Deadline = r.GetValue(deadline) ?? string.Empty,
        });
        return command;
    }

    private static Option<int> Year(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "year",
        Required = true,
        CustomParser = r => CliOptions.PositiveInt(r, name, 2000, 2100),
    };
}
