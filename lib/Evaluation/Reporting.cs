using System.Net;
using System.Text;
using Spectre.Console;

namespace PricerLib.Evaluation;

/// <summary>Receives a Tester run as it goes: each item in item order, then the finished report.</summary>
public interface ITestReporter
{
    /// <summary>Called once per item, in item order, as soon as it and every earlier item are done.</summary>
    void ItemScored(ItemResult result, int total);

    /// <summary>Called once when the run is over.</summary>
    void Finished(TestReport report);
}

/// <summary>The words of a report, shared by the terminal and HTML reporters.</summary>
public static class ReportText
{
    /// <summary>
    /// The course's line, <c>f"{i+1}: Guess: ${guess:,.2f} Truth: ${truth:,.2f} Error: ${error:,.2f} SLE: {sle:,.2f} Item: {title}"</c>,
    /// or for a failed item <c>"{i+1}: FAILED (reason) Truth: $… Item: …"</c>.
    /// </summary>
    public static string ItemLine(ItemResult r) => r.Failed
        ? $"{r.Index + 1}: FAILED ({r.FailedReason}) Truth: ${CourseFormat.Number(r.Truth)} Item: {CourseFormat.ShortTitle(r.Title)}"
        : $"{r.Index + 1}: Guess: ${CourseFormat.Number(r.Guess!.Value)} Truth: ${CourseFormat.Number(r.Truth)} " +
          $"Error: ${CourseFormat.Number(r.Error!.Value)} SLE: {CourseFormat.Number(r.Sle!.Value)} Item: {CourseFormat.ShortTitle(r.Title)}";

    /// <summary>
    /// The summary. 2025: the course's "Error: $x ± $ci", MSE and r². 2024: the course's chart title, then MSE, r², the 95% t interval of the error, and the item count.
    /// </summary>
    public static string Summary(TestReport report)
    {
        var m = report.Metrics;
        // 2025: the course's headline "Title Error: $x ± $ci", then MSE and r² as its chart title gives them.
        if (report.Edition == Editions.CourseEdition.Course2025)
            return $"{report.ErrorWithInterval} MSE: {CourseFormat.Number(m.Mse, 0)} r²: {report.R2Percent} Items={m.Count}";
        var text = new StringBuilder(report.ChartTitle);
        text.Append($" MSE={CourseFormat.Number(m.Mse)} R2={(m.R2 is { } r2 ? CourseFormat.Fixed(r2, 3) : "n/a")}");
        if (m.ErrorCi is { } ci) text.Append($" Error 95% CI (t)=[${CourseFormat.Number(ci.Low)}, ${CourseFormat.Number(ci.High)}]");
        text.Append($" Items={m.Count}");
        return text.ToString();
    }

    /// <summary>The warning shown when items failed, with the first one's reason (e.g. a prompt longer than the context); null when none did.</summary>
    public static string? FailureWarning(TestReport report) => report.Items.FirstOrDefault(i => i.Failed) is not { } first ? null
        : $"Warning: {report.Metrics.Failed} of {report.Items.Count} items failed and are excluded from the metrics; the first: {first.FailedReason}";

    /// <summary>The CSS colour name the course uses for a hit colour (Spectre calls orange "orange1").</summary>
    internal static string CssColor(HitColor? color) => color switch
    {
        HitColor.Green => "green",
        HitColor.Orange => "orange",
        HitColor.Red => "red",
        _ => "gray",
    };
}

/// <summary>Writes the course's coloured per-item lines and the summary to a terminal through Spectre.Console.</summary>
public sealed class ConsoleTestReporter(IAnsiConsole console) : ITestReporter
{
    /// <summary>A reporter on the process's standard output.</summary>
    public ConsoleTestReporter() : this(AnsiConsole.Console) { }

    /// <inheritdoc/>
    public void ItemScored(ItemResult result, int total)
    {
        string style = result.Failed ? "bold red" : result.Color == HitColor.Orange ? "orange1" : ReportText.CssColor(result.Color);
        console.MarkupLine($"[{style}]{Markup.Escape(ReportText.ItemLine(result))}[/]");
    }

    /// <inheritdoc/>
    public void Finished(TestReport report)
    {
        console.MarkupLine($"[bold]{Markup.Escape(ReportText.Summary(report))}[/]");
        if (ReportText.FailureWarning(report) is { } warning) console.MarkupLine($"[yellow]{Markup.Escape(warning)}[/]");
    }
}

/// <summary>Collects the same lines as HTML, coloured like the course's terminal output, for a notebook cell.</summary>
public sealed class HtmlTestReporter : ITestReporter
{
    private readonly StringBuilder lines = new();
    private string? summary;

    /// <summary>Everything reported so far as one HTML fragment.</summary>
    public string Html => $"<div style=\"font-family:monospace;white-space:pre\">{lines}{summary}</div>";

    /// <summary>A whole finished report as one HTML fragment.</summary>
    public static string Render(TestReport report)
    {
        var reporter = new HtmlTestReporter();
        foreach (var item in report.Items) reporter.ItemScored(item, report.Items.Count);
        reporter.Finished(report);
        return reporter.Html;
    }

    /// <inheritdoc/>
    public void ItemScored(ItemResult result, int total) =>
        lines.Append($"<div style=\"color:{ReportText.CssColor(result.Color)}\">{WebUtility.HtmlEncode(ReportText.ItemLine(result))}</div>");

    /// <inheritdoc/>
    public void Finished(TestReport report)
    {
        summary = $"<div><b>{WebUtility.HtmlEncode(ReportText.Summary(report))}</b></div>";
        if (ReportText.FailureWarning(report) is { } warning)
            summary += $"<div style=\"color:darkgoldenrod\">{WebUtility.HtmlEncode(warning)}</div>";
    }
}
