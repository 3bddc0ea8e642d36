using System.Text.Json;
using PricerLib.Charts;

namespace PricerLib.Tests.Charts;

public class EvaluationChartsTests
{
    private static readonly ScatterPoint[] Points =
    [
        new(100, 120, "Widget <b>", "green"),
        new(50, 300, "Gadget", "red"),
        new(400, 380.5, "Thing", "orange"),
    ];

    [Fact]
    public void Error_scatter_plots_truth_against_guess_with_a_deepskyblue_diagonal_and_square_axes()
    {
        var json = new ChartJson(EvaluationCharts.ErrorScatter(Points, "Gpt 4O Mini Error=$79.58 RMSLE=0.59 Hits=52.0%"));
        Assert.Equal("Gpt 4O Mini Error=$79.58 RMSLE=0.59 Hits=52.0%", json.Title);

        var diagonal = json.Trace(0);
        Assert.Equal("lines", diagonal.GetProperty("mode").GetString());
        Assert.Equal("deepskyblue", diagonal.GetProperty("line").GetProperty("color").GetString());
        Assert.Equal([0, 400], ChartJson.Doubles(diagonal.GetProperty("x")));
        Assert.Equal([0, 400], ChartJson.Doubles(diagonal.GetProperty("y")));

        var items = json.Trace(1);
        Assert.Equal("markers", items.GetProperty("mode").GetString());
        Assert.Equal([100, 50, 400], ChartJson.Doubles(items.GetProperty("x")));
        Assert.Equal([120, 300, 380.5], ChartJson.Doubles(items.GetProperty("y")));
        Assert.Equal(["green", "red", "orange"], ChartJson.Strings(items.GetProperty("marker").GetProperty("color")));

        Assert.Equal([0, 400], json.AxisRange("xaxis"));
        Assert.Equal([0, 400], json.AxisRange("yaxis"));
        Assert.Equal("Ground Truth", json.AxisTitle("xaxis"));
        Assert.Equal("Model Estimate", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void Error_scatter_hover_names_the_item_with_its_guess_and_truth()
    {
        var items = new ChartJson(EvaluationCharts.ErrorScatter(Points, "t")).Trace(1);
        var hover = ChartJson.Strings(items.GetProperty("hovertext"));
        Assert.Equal("Widget &lt;b&gt;<br>Guess: $120.00<br>Truth: $100.00", hover[0]); // titles are not markup
        Assert.Equal("Thing<br>Guess: $380.50<br>Truth: $400.00", hover[2]);
        Assert.Equal("text", items.GetProperty("hoverinfo").GetString());
    }

    [Fact]
    public void Error_scatter_axes_reach_the_largest_guess_when_it_exceeds_every_truth()
    {
        var json = new ChartJson(EvaluationCharts.ErrorScatter([new(10, 2500, "x", "red")], "t"));
        Assert.Equal([0, 2500], json.AxisRange("yaxis"));
        Assert.Equal([0, 2500], ChartJson.Doubles(json.Trace(0).GetProperty("x")));
    }

    [Fact]
    public void Error_scatter_rejects_no_points_and_non_finite_guesses()
    {
        Assert.Contains("No scored items", Assert.Throws<ArgumentException>(() => EvaluationCharts.ErrorScatter([], "t")).Message);
        Assert.Throws<ArgumentException>(() => EvaluationCharts.ErrorScatter([new(1, double.PositiveInfinity, "x", "red")], "t"));
    }

    [Fact]
    public void Error_trend_draws_the_running_mean_inside_a_95_percent_band_clamped_at_zero()
    {
        double[] errors = [10, 30, 20, 100, 0, 5, 7];
        var json = new ChartJson(EvaluationCharts.ErrorTrend(errors, "Constant Error: $24.57"));
        Assert.Equal("Constant Error: $24.57", json.Title);

        // Expected values by the textbook two-pass formulas, independent of the chart's one-pass update.
        int n = errors.Length;
        var mean = new double[n];
        var upper = new double[n];
        var rawLower = new double[n];
        for (int k = 1; k <= n; k++)
        {
            var first = errors.Take(k).ToArray();
            mean[k - 1] = first.Average();
            double sd = k > 1 ? Math.Sqrt(first.Sum(e => (e - mean[k - 1]) * (e - mean[k - 1])) / (k - 1)) : 0;
            upper[k - 1] = mean[k - 1] + 1.96 * sd / Math.Sqrt(k);
            rawLower[k - 1] = mean[k - 1] - 1.96 * sd / Math.Sqrt(k);
        }
        Assert.Contains(rawLower, l => l < 0); // the data exercise the clamp

        var band = json.Trace(0);
        Assert.Equal("toself", band.GetProperty("fill").GetString());
        var bandX = ChartJson.Doubles(band.GetProperty("x"));
        var bandY = ChartJson.Doubles(band.GetProperty("y"));
        var xs = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        Assert.Equal(xs.Concat(xs.Reverse()), bandX);
        Assert.Equal(upper, bandY[..n], new Tolerance(1e-9));
        Assert.Equal(rawLower.Select(l => Math.Max(0, l)).Reverse(), bandY[n..], new Tolerance(1e-9));

        var line = json.Trace(1);
        Assert.Equal("firebrick", line.GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(xs, ChartJson.Doubles(line.GetProperty("x")));
        Assert.Equal(mean, ChartJson.Doubles(line.GetProperty("y")), new Tolerance(1e-9));
        Assert.Equal("Number of Datapoints", json.AxisTitle("xaxis"));
    }

    [Fact]
    public void Error_trend_of_one_error_has_no_band_width_and_of_none_is_refused()
    {
        var band = new ChartJson(EvaluationCharts.ErrorTrend([42], "t")).Trace(0);
        Assert.Equal([42, 42], ChartJson.Doubles(band.GetProperty("y")));
        Assert.Throws<ArgumentException>(() => EvaluationCharts.ErrorTrend([], "t"));
    }

    private static readonly LeaderboardEntry[] Board =
    [
        new("random", 340.74, null, null, 11.6, true),
        new("GPT-4o-mini", 79.58, null, null, 52.0, true),
        new("constant", 150.3, 130.2, 171.0, 15.2, false),
        new("random", 331.2, 305.1, 357.9, 12.0, false),
        new("llama:stories", 120.3, 101.0, 140.5, 20.4, false),
    ];

    [Fact]
    public void Leaderboard_sorts_best_first_and_gives_clashing_course_names_a_suffix()
    {
        var json = new ChartJson(EvaluationCharts.Leaderboard(Board, "Leaderboard"));
        var yaxis = json.Layout.GetProperty("yaxis");
        Assert.Equal("array", yaxis.GetProperty("categoryorder").GetString());
        Assert.Equal("reversed", yaxis.GetProperty("autorange").GetString()); // first category at the top
        Assert.Equal(["GPT-4o-mini", "llama:stories", "constant", "random", "random (course)"],
            ChartJson.Strings(yaxis.GetProperty("categoryarray")));
        Assert.Equal("Leaderboard", json.Title);
    }

    [Fact]
    public void Leaderboard_draws_course_figures_and_runs_as_two_distinct_bar_series()
    {
        var json = new ChartJson(EvaluationCharts.Leaderboard(Board, "t"));
        var course = json.Trace(0);
        var runs = json.Trace(1);
        Assert.Equal("bar", course.GetProperty("type").GetString());
        Assert.Equal("h", course.GetProperty("orientation").GetString());
        Assert.Equal(EvaluationCharts.ReferenceSeriesName, course.GetProperty("name").GetString());
        Assert.Equal(EvaluationCharts.RunSeriesName, runs.GetProperty("name").GetString());
        Assert.NotEqual(course.GetProperty("marker").GetProperty("color").GetString(),
            runs.GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(["GPT-4o-mini", "random (course)"], ChartJson.Strings(course.GetProperty("y")));
        Assert.Equal([79.58, 340.74], ChartJson.Doubles(course.GetProperty("x")));
        Assert.False(course.TryGetProperty("error_x", out _)); // no interval is known for the course's figures
        Assert.Equal("overlay", json.Layout.GetProperty("barmode").GetString());
    }

    [Fact]
    public void Leaderboard_whiskers_span_each_runs_confidence_interval()
    {
        var runs = new ChartJson(EvaluationCharts.Leaderboard(Board, "t")).Trace(1);
        Assert.Equal(["llama:stories", "constant", "random"], ChartJson.Strings(runs.GetProperty("y")));
        var whiskers = runs.GetProperty("error_x");
        Assert.False(whiskers.GetProperty("symmetric").GetBoolean());
        Assert.Equal([140.5 - 120.3, 171.0 - 150.3, 357.9 - 331.2], ChartJson.Doubles(whiskers.GetProperty("array")), new Tolerance(1e-9));
        Assert.Equal([120.3 - 101.0, 150.3 - 130.2, 331.2 - 305.1], ChartJson.Doubles(whiskers.GetProperty("arrayminus")), new Tolerance(1e-9));

        var mixed = new ChartJson(EvaluationCharts.Leaderboard([new("a", 10, 8, 12, 50, false), new("b", 20, null, null, 40, false)], "t"));
        Assert.Equal([2, null], ChartJson.NullableDoubles(mixed.Trace(0).GetProperty("error_x").GetProperty("array")));
    }

    [Fact]
    public void Leaderboard_labels_each_bar_with_error_and_hits_beyond_its_whisker()
    {
        var labels = new ChartJson(EvaluationCharts.Leaderboard(Board, "t")).Trace(2);
        Assert.Equal("text", labels.GetProperty("mode").GetString());
        var text = ChartJson.Strings(labels.GetProperty("text"));
        Assert.Equal("$79.58 · 52.0% hits", text[0]);
        Assert.Equal("$120.30 · 20.4% hits", text[1]);
        var x = ChartJson.Doubles(labels.GetProperty("x"));
        Assert.True(x[1] > 140.5, "the label of a run sits right of its upper whisker");
    }

    [Fact]
    public void Leaderboard_grows_taller_with_more_entries_and_refuses_none()
    {
        int Height(int count) => new ChartJson(EvaluationCharts.Leaderboard(
            Enumerable.Range(0, count).Select(i => new LeaderboardEntry($"run {i}", 10 + i, null, null, 50, false)).ToArray(), "t"))
            .Layout.GetProperty("height").GetInt32();
        Assert.True(Height(14) > Height(3));
        Assert.Throws<ArgumentException>(() => EvaluationCharts.Leaderboard([], "t"));
    }

    /// <summary>Element-wise comparison of doubles within an absolute tolerance.</summary>
    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= epsilon;
        public int GetHashCode(double value) => 0;
    }
}
