using System.ComponentModel;
using PricerLib;
using PricerLib.Charts;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary><c>pricer leaderboard</c>: every stored run and the course's published figures, best first.</summary>
public sealed class LeaderboardCommand : PricerCommand<LeaderboardCommand.Settings>
{
    public sealed class Settings : EditionSettings
    {
        [CommandOption("--results <DIR>")]
        [Description("Results store folder (default: PRICER_RESULTS, else the project's results/ folder).")]
        public string? Results { get; init; }

        [CommandOption("--no-reference")]
        [Description("Leave out the course's published figures.")]
        public bool NoReference { get; init; }

        [CommandOption("--html <OUT>")]
        [Description("Save the leaderboard chart as offline HTML.")]
        public string? Html { get; init; }

        [CommandOption("--png <OUT>")]
        [Description("Save the leaderboard chart as PNG.")]
        public string? Png { get; init; }
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var output in new[] { settings.Html, settings.Png }.OfType<string>()) OutputPaths.CheckFile(output);
        var store = new ResultsStore(settings.Results ?? WorkbookSettings.Current.Results);
        var stored = store.LoadAll();
        foreach (var warning in stored.Warnings) CommandConsoles.Warn(warning);
        if (stored.Runs.Count == 0) CommandConsoles.Warn($"No stored runs in {store.Folder}; run `pricer evaluate` first.");

        var reference = settings.NoReference ? null : CourseReference.Load(settings.CourseEdition);
        // Runs of the other edition stay ranked but are named so (Leaderboard.Rows); say it once as well.
        int otherEdition = reference is null ? 0 : stored.Runs.Count(r => r.Edition != reference.Edition);
        if (otherEdition > 0)
            CommandConsoles.Warn($"Note: {otherEdition:N0} stored run(s) followed another edition than the {reference!.Edition.Name()} course figures shown; they are marked with their edition and reproduce no course row.");
        var rows = Leaderboard.Rows(stored.Runs, reference);
        if (rows.Count == 0) return Task.FromResult(CommandConsoles.Fail("Nothing to rank: no stored runs and the course's figures are left out."));

        var table = new Table().Title("Leaderboard (mean absolute error, lowest first)")
            .AddColumn("#").AddColumn("Name").AddColumn(new TableColumn("Error").RightAligned())
            .AddColumn("95% CI").AddColumn(new TableColumn("RMSLE").RightAligned()).AddColumn(new TableColumn("Hits").RightAligned())
            .AddColumn(new TableColumn("Items").RightAligned()).AddColumn(new TableColumn("Cost").RightAligned());
        // Each run beside the course row it reproduces (word2vec-rf beside "word2vec RF"), when the figures are shown.
        if (reference is not null) table.AddColumn("Course row");
        // The count most runs scored: a run that scored fewer (or failed some) is marked, not ranked silently beside them.
        int? usualCount = rows.Where(r => r.Count is not null).GroupBy(r => r.Count).MaxBy(g => g.Count())?.Key;
        foreach (var (row, rank) in rows.Select((r, i) => (r, i + 1)))
        {
            string style = row.IsReference ? "grey" : "default";
            var cells = new List<Markup>
            {
                new(rank.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new(Markup.Escape(row.Name), new Style(decoration: row.IsReference ? Decoration.Italic : Decoration.None)),
                new($"[{style}]${CourseFormat.Number(row.Error)}[/]"),
                new(row.ErrorCi is { } ci ? $"[{style}]${CourseFormat.Number(ci.Low)} – ${CourseFormat.Number(ci.High)}[/]" : "[grey]–[/]"),
                new(row.Rmsle is { } rmsle ? $"[{style}]{CourseFormat.Number(rmsle)}[/]" : "[grey]–[/]"),
                new(row.HitsPercent is { } hits ? $"[{style}]{CourseFormat.Fixed(hits, 1)}%[/]" : "[grey]–[/]"),
                ItemsCell(row, usualCount, reference?.Source.TestItems),
                new(row.CostUsd is { } cost ? Markup.Escape(CostText(cost)) : "[grey]–[/]"),
            };
            if (reference is not null) cells.Add(new Markup(row.CourseCell is { } course ? $"[grey]{Markup.Escape(course)}[/]" : "[grey]–[/]"));
            table.AddRow(cells);
        }
        CommandConsoles.Out().Write(table);
        if (reference is not null)
            CommandConsoles.Out().MarkupLine(Markup.Escape($"Course figures: {reference.Source.Repository}, {reference.Source.Notebooks}, {reference.Source.TestItems} test items."));

        if (settings.Html is not null || settings.Png is not null)
        {
            var chart = EvaluationCharts.Leaderboard(rows.Select(r => r.ToEntry()).ToList(), "Leaderboard: mean absolute error");
            if (settings.Html is not null) ChartExport.SaveHtml(chart, settings.Html);
            if (settings.Png is not null) ChartExport.SavePng(chart, settings.Png);
        }
        return Task.FromResult(0);
    }

    // A local server's $0 reads as nothing spent; a paid run keeps the cents' fractions that small runs cost.
    private static string CostText(double cost) => cost == 0 ? "$0" : $"${cost:0.0000}";

    private static Markup ItemsCell(LeaderboardRow row, int? usualCount, int? courseItems)
    {
        if (row.Count is not { } count) return new Markup($"[grey]{courseItems}[/]");
        var text = row.Failed > 0 ? $"{count} ({row.Failed} failed)" : $"{count}";
        return new Markup(Markup.Escape(text), new Style(row.Failed > 0 || count != usualCount ? Color.Yellow : Color.Default));
    }
}
