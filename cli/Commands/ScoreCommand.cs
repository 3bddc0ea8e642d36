using System.ComponentModel;
using PricerLib.Charts;
using PricerLib.Data;
using PricerLib.Evaluation;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer score FILE</c>: the course's metrics over a file of truths and guesses, printed as the edition's Tester
/// prints them (<c>--edition</c>, else <c>PRICER_EDITION</c>); <c>--json</c> records the edition.
/// </summary>
public sealed class ScoreCommand : PricerCommand<ScoreCommand.Settings>
{
    /// <summary>Most failed rows listed one by one before the rest are only counted.</summary>
    private const int ListedProblems = 20;

    public sealed class Settings : EditionSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("CSV (with a header) or JSONL: 'truth' (else 'price'), 'guess' (a number or a model's reply), optional 'title'.")]
        public string File { get; init; } = "";

        [CommandOption("--title <TITLE>")]
        [Description("Title of the summary and chart (default: the file's name).")]
        public string? Title { get; init; }

        [CommandOption("--json")]
        [Description("Print exactly one JSON object on stdout: count, failed, error, rmsle, hits (percent), mse, r2 (fraction or null), edition.")]
        public bool Json { get; init; }

        [CommandOption("--html <OUT>")]
        [Description("Save the scatter chart as offline HTML.")]
        public string? Html { get; init; }

        [CommandOption("--png <OUT>")]
        [Description("Save the scatter chart as PNG.")]
        public string? Png { get; init; }
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var output in new[] { settings.Html, settings.Png }.OfType<string>())
        {
            OutputPaths.RefuseInputs(output, [settings.File]);
            OutputPaths.CheckFile(output);
        }
        ScoredFile scored;
        try
        {
            scored = ScoreFile.Score(settings.File, settings.Title, settings.CourseEdition);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException)
        {
            return Task.FromResult(CommandConsoles.Fail(e.Message));
        }

        foreach (var problem in scored.Problems.Take(ListedProblems)) CommandConsoles.Warn($"Failed {problem}");
        if (scored.Failed > ListedProblems) CommandConsoles.Warn($"... and {scored.Failed - ListedProblems} more failed rows.");
        if (scored.Failed > 0) CommandConsoles.Warn($"Warning: {scored.Failed} of {scored.Count + scored.Failed} rows could not be scored and are excluded from the metrics.");

        if (scored.Report.Metrics.NonFinite() is { Count: > 0 } overflowed)
            CommandConsoles.Warn($"Warning: {string.Join(", ", overflowed)} overflowed and {(overflowed.Count == 1 ? "is" : "are")} printed as null.");
        // Charts first: with --json, a chart that cannot be written must leave stdout empty, not holding a lone object.
        if (settings.Html is not null) ChartExport.SaveHtml(scored.Report.ScatterChart(), settings.Html);
        if (settings.Png is not null) ChartExport.SavePng(scored.Report.ScatterChart(), settings.Png);

        if (settings.Json) Console.Out.WriteLine(scored.ToJson().ToJsonString(EvaluationJson.Options));
        else Console.Out.WriteLine(ReportText.Summary(scored.Report));
        return Task.FromResult(0);
    }
}
