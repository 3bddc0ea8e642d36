using PricerLib.Text;
using System.Net;
using Plotly.NET;
using Plotly.NET.TraceObjects;
using Chart = Plotly.NET.CSharp.Chart;

namespace PricerLib.Charts;

/// <summary>One scored item on the error scatter.</summary>
/// <param name="Truth">The item's real price.</param>
/// <param name="Guess">The predictor's price.</param>
/// <param name="Title">The item's title, shown on hover.</param>
/// <param name="Color">"green", "orange" or "red", as the Tester colours it.</param>
public sealed record ScatterPoint(double Truth, double Guess, string Title, string Color);

/// <summary>One bar of the leaderboard: a run (or a course reference figure) with its mean error.</summary>
/// <param name="Name">The run's (or reference model's) name, one bar label.</param>
/// <param name="Error">Mean absolute error in dollars.</param>
/// <param name="CiLow">Lower end of the 95% interval of the mean error; null when unknown (reference figures).</param>
/// <param name="CiHigh">Upper end of that interval; null when unknown.</param>
/// <param name="HitsPercent">Share of hits, 0–100; null for course figures published without it (2025).</param>
/// <param name="IsReference">True for the course's published figures, drawn as a separate series.</param>
public sealed record LeaderboardEntry(string Name, double Error, double? CiLow, double? CiHigh, double? HitsPercent, bool IsReference);

/// <summary>The evaluation harness's charts: error scatter, error trend, leaderboard.</summary>
public static class EvaluationCharts
{
    /// <summary>z of a two-sided 95% normal interval.</summary>
    private const double Z95 = 1.96;

    /// <summary>Legend name of the course's published figures on the leaderboard.</summary>
    public const string ReferenceSeriesName = "Course (2024)";

    /// <summary>Legend name of this workbook's own runs on the leaderboard.</summary>
    public const string RunSeriesName = "This workbook";

    /// <summary>Truth on x, guess on y, coloured points, a deepskyblue y = x line; hover shows title, guess and truth.</summary>
    /// <remarks>The course's <c>Tester.chart</c>: both axes from 0 to the largest truth or guess.</remarks>
    public static GenericChart ErrorScatter(IReadOnlyList<ScatterPoint> points, string title)
    {
        ArgumentNullException.ThrowIfNull(points);
        ChartStyle.RequireAny(points.ToArray(), nameof(points), "scored items");
        var truths = ChartStyle.FiniteValues(points.Select(p => p.Truth), "points.Truth");
        var guesses = ChartStyle.FiniteValues(points.Select(p => p.Guess), "points.Guess");
        double max = Math.Max(truths.Max(), guesses.Max());
        if (max <= 0) max = 1; // all-zero input still needs a visible square

        var diagonal = Chart.Line<double, double, string>(
            [0, max], [0, max],
            Name: "y = x",
            LineColor: ChartStyle.Css("deepskyblue"),
            LineWidth: 2,
            Opacity: 0.6,
            ShowLegend: false);
        var items = Chart.Point<double, double, string>(truths, guesses,
                Name: "Items",
                MarkerColor: Color.fromColors(points.Select(p => ChartStyle.Css(p.Color))),
                Marker: ChartStyle.MarkerOfSize(5),
                ShowLegend: false)
            .WithTraceValues(
                ("hovertext", points.Select(HoverText).ToArray()),
                ("hoverinfo", "text"));

        return Chart.Combine([diagonal, items])
            .Framed(title, "Ground Truth", "Model Estimate", 900, 700)
            .WithAxisValues("xaxis", ("range", new[] { 0, max }))
            .WithAxisValues("yaxis", ("range", new[] { 0, max }));

        static string HoverText(ScatterPoint p) =>
            $"{WebUtility.HtmlEncode(p.Title)}<br>Guess: {ChartStyle.Dollars(p.Guess)}<br>Truth: {ChartStyle.Dollars(p.Truth)}";
    }

    /// <summary>The 2025 course's chart: running mean of <paramref name="errors"/> with a shaded 95% band.</summary>
    /// <remarks>After k items the band is mean ± 1.96·s/√k, with s the sample standard deviation of the first
    /// k errors (0 for k = 1); the lower edge is clamped at 0 because errors are absolute.</remarks>
    public static GenericChart ErrorTrend(IReadOnlyList<double> errors, string title)
    {
        var data = ChartStyle.FiniteValues(errors, nameof(errors));
        ChartStyle.RequireAny(data, nameof(errors), "errors");
        var trend = RunningMean.Of(data);
        var x = Enumerable.Range(1, data.Length).Select(i => (double)i).ToArray();

        var band = Chart.Scatter<double, double, string>(
                x.Concat(x.Reverse()), trend.Upper.Concat(trend.Lower.Reverse()),
                StyleParam.Mode.Lines,
                Name: "95% interval",
                Fill: StyleParam.Fill.ToSelf,
                FillColor: ChartStyle.Css("rgba(178, 34, 34, 0.2)"),
                LineColor: ChartStyle.Css("rgba(255, 255, 255, 0)"),
                ShowLegend: false)
            .WithTraceValues(("hoverinfo", "skip"));
        var mean = Chart.Line<double, double, string>(x, trend.Mean,
                Name: "Running average error",
                LineColor: ChartStyle.Css("firebrick"),
                LineWidth: 3,
                ShowLegend: false)
            .WithTraceValues(
                ("customdata", trend.HalfWidth),
                ("hovertemplate", "n=%{x}<br>Avg=$%{y:,.2f}<br>±95% CI=$%{customdata:,.2f}<extra></extra>"));

        return Chart.Combine([band, mean])
            .Framed(title, "Number of Datapoints", "Average Absolute Error ($)", 1000, 450);
    }

    /// <summary>Horizontal bars of mean error, sorted, with CI whiskers and hits as labels.</summary>
    /// <remarks>Lowest error at the top. Runs and the course's reference figures are two series with their own
    /// colours and legend entries; a run named like a reference figure keeps its name and the figure gets
    /// " (course)" appended, so no two bars share a row. Labels sit right of each whisker.</remarks>
    public static GenericChart Leaderboard(IReadOnlyList<LeaderboardEntry> entries, string title)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ChartStyle.RequireAny(entries.ToArray(), nameof(entries), "leaderboard entries");
        ChartStyle.FiniteValues(entries.Select(e => e.Error), "entries.Error");

        var rows = LeaderboardRow.Layout(entries);
        double reach = rows.Max(r => r.Reach);
        var series = new List<GenericChart>();
        foreach (var (isReference, name, color) in new[] { (true, ReferenceSeriesName, "darkgray"), (false, RunSeriesName, "steelblue") })
        {
            var part = rows.Where(r => r.Entry.IsReference == isReference).ToArray();
            if (part.Length > 0) series.Add(Bars(part, name, color));
        }
        series.Add(Labels(rows, reach * 0.01));

        var order = rows.Select(r => r.Label).ToArray();
        return Chart.Combine(series)
            .Framed(title, "Average absolute error ($)", null, 1000, 160 + 40 * rows.Count)
            .WithLayoutValues(("barmode", "overlay"))
            .WithAxisValues("xaxis", ("range", new[] { 0, reach * 1.4 }))
            .WithAxisValues("yaxis", ("categoryorder", "array"), ("categoryarray", order), ("autorange", "reversed"));
    }

    private static GenericChart Bars(IReadOnlyList<LeaderboardRow> rows, string seriesName, string color)
    {
        var bars = Chart.Bar<double, string, string>(
                rows.Select(r => r.Entry.Error).ToArray(),
                Keys: rows.Select(r => r.Label).ToArray(),
                Name: seriesName,
                MarkerColor: ChartStyle.Css(color))
            .WithTraceValues(
                ("hovertext", rows.Select(r => r.HoverText).ToArray()),
                ("hoverinfo", "text"));
        // plotly.js draws a cap even for a missing whisker, so a series without any interval gets no error bars.
        return rows.Any(r => r.Entry.CiLow is not null || r.Entry.CiHigh is not null)
            ? bars.WithTraceValues(("error_x", Whiskers(rows)))
            : bars;
    }

    /// <summary>Asymmetric error bars from each entry's interval; null (no whisker) where a side is unknown.</summary>
    private static Error Whiskers(IReadOnlyList<LeaderboardRow> rows)
    {
        var whiskers = new Error();
        whiskers.SetProperty("type", "data");
        whiskers.SetProperty("symmetric", false);
        whiskers.SetProperty("array", rows.Select(r => r.Entry.CiHigh - r.Entry.Error).ToArray());
        whiskers.SetProperty("arrayminus", rows.Select(r => r.Entry.Error - r.Entry.CiLow).ToArray());
        whiskers.SetProperty("color", "rgba(42, 63, 95, 0.8)");
        whiskers.SetProperty("thickness", 1.5);
        return whiskers;
    }

    private static GenericChart Labels(IReadOnlyList<LeaderboardRow> rows, double gap) =>
        Chart.Scatter<double, string, string>(
                rows.Select(r => r.Reach + gap).ToArray(),
                rows.Select(r => r.Label).ToArray(),
                StyleParam.Mode.Text,
                Name: "labels",
                MultiText: rows.Select(r => r.Text).ToArray(),
                TextPosition: StyleParam.TextPosition.MiddleRight,
                ShowLegend: false)
            .WithTraceValues(("hoverinfo", "skip"));

    /// <summary>One leaderboard row: its entry, its unique axis label and its texts.</summary>
    private sealed record LeaderboardRow(LeaderboardEntry Entry, string Label)
    {
        /// <summary>Where the bar or its whisker ends.</summary>
        public double Reach => Math.Max(Entry.Error, Entry.CiHigh ?? Entry.Error);

        // The 2025 course figures come without hits: their label is the error alone.
        public string Text => Entry.HitsPercent is { } hits
            ? $"{ChartStyle.Dollars(Entry.Error)} · {PythonFormat.Grouped(hits, 1)}% hits"
            : ChartStyle.Dollars(Entry.Error);

        public string HoverText =>
            $"{WebUtility.HtmlEncode(Entry.Name)}<br>Error: {ChartStyle.Dollars(Entry.Error)}" +
            (Entry.CiLow is { } lo && Entry.CiHigh is { } hi ? $"<br>95% CI: {ChartStyle.Dollars(lo)} – {ChartStyle.Dollars(hi)}" : "") +
            (Entry.HitsPercent is { } hits ? $"<br>Hits: {PythonFormat.Grouped(hits, 1)}%" : "");

        /// <summary>Sorts best first (ties by name) and gives every row a distinct label.</summary>
        public static List<LeaderboardRow> Layout(IReadOnlyList<LeaderboardEntry> entries)
        {
            var runNames = entries.Where(e => !e.IsReference).Select(e => e.Name).ToHashSet();
            var used = new HashSet<string>();
            var rows = new List<LeaderboardRow>();
            foreach (var entry in entries.OrderBy(e => e.Error).ThenBy(e => e.Name, StringComparer.Ordinal))
            {
                var label = entry.IsReference && runNames.Contains(entry.Name) ? entry.Name + " (course)" : entry.Name;
                for (int n = 2; !used.Add(label); n++) label = $"{entry.Name} #{n}";
                rows.Add(new LeaderboardRow(entry, label));
            }
            return rows;
        }
    }

    /// <summary>Running mean and 95% band of a sequence (Welford's update, stable for long runs).</summary>
    private sealed record RunningMean(double[] Mean, double[] HalfWidth, double[] Upper, double[] Lower)
    {
        public static RunningMean Of(double[] values)
        {
            int n = values.Length;
            var mean = new double[n];
            var half = new double[n];
            double m = 0, m2 = 0;
            for (int k = 1; k <= n; k++)
            {
                double delta = values[k - 1] - m;
                m += delta / k;
                m2 += delta * (values[k - 1] - m);
                mean[k - 1] = m;
                half[k - 1] = k > 1 ? Z95 * Math.Sqrt(m2 / (k - 1)) / Math.Sqrt(k) : 0;
            }
            var upper = mean.Zip(half, (a, b) => a + b).ToArray();
            var lower = mean.Zip(half, (a, b) => Math.Max(0, a - b)).ToArray();
            return new RunningMean(mean, half, upper, lower);
        }
    }
}
