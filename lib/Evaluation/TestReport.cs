using Plotly.NET;
using PricerLib.Charts;
using PricerLib.Editions;

namespace PricerLib.Evaluation;

/// <summary>The outcome of a Tester run: every item in order, the metrics, and how long it took.</summary>
/// <param name="Title">The run's title, shown on its charts.</param>
/// <param name="Items">One result per tested item, in item order, failed ones included.</param>
/// <param name="Metrics">Summary over the scored items.</param>
/// <param name="Wall">Wall-clock time of the whole run.</param>
public sealed record TestReport(string Title, IReadOnlyList<ItemResult> Items, Metrics Metrics, TimeSpan Wall)
{
    /// <summary>The course edition whose titles and printout the report uses.</summary>
    public CourseEdition Edition { get; init; } = CourseEditions.Default;

    /// <summary>
    /// The course's scatter chart title. 2024: <c>f"{title} Error=${error:,.2f} RMSLE={rmsle:,.2f} Hits={hits:.1f}%"</c>;
    /// 2025 (<c>evaluator.py</c>'s <c>report</c>): <c>f"{title} results&lt;br&gt;&lt;b&gt;Error:&lt;/b&gt; ${error:,.2f}
    /// &lt;b&gt;MSE:&lt;/b&gt; {mse:,.0f} &lt;b&gt;r²:&lt;/b&gt; {r2*100:.1f}%"</c>.
    /// </summary>
    public string ChartTitle => Edition == CourseEdition.Course2025
        ? $"{Title} results<br><b>Error:</b> ${CourseFormat.Number(Metrics.Error)} <b>MSE:</b> {CourseFormat.Number(Metrics.Mse, 0)} <b>r²:</b> {R2Percent}"
        : $"{Title} Error=${CourseFormat.Number(Metrics.Error)} RMSLE={CourseFormat.Number(Metrics.Rmsle)} Hits={CourseFormat.Fixed(Metrics.HitsPercent, 1)}%";

    /// <summary>
    /// The 2025 course's headline, the title of its error-trend chart: <c>f"{title} Error: ${mean:,.2f} ± ${ci:,.2f}"</c>,
    /// where ci is 1.96 × the errors' population standard deviation / √n (<c>error_trend_chart</c>'s last point).
    /// </summary>
    public string ErrorWithInterval
    {
        get
        {
            var errors = Errors();
            double mean = errors.Average();
            double spread = Math.Sqrt(Math.Max(0, errors.Average(e => e * e) - mean * mean));
            double half = errors.Count > 1 ? 1.96 * spread / Math.Sqrt(errors.Count) : 0;
            return $"{Title} Error: ${CourseFormat.Number(mean)} ± ${CourseFormat.Number(half)}";
        }
    }

    /// <summary>r² as the 2025 course prints it (<c>{r2 * 100:.1f}%</c>); "n/a" where undefined.</summary>
    public string R2Percent => Metrics.R2 is { } r2 ? $"{CourseFormat.Fixed(r2 * 100, 1)}%" : "n/a";

    /// <summary>The scored items as scatter points (failed items have no guess to plot).</summary>
    public IReadOnlyList<ScatterPoint> ScatterPoints() => Items
        .Where(i => !i.Failed)
        .Select(i => new ScatterPoint(i.Truth, i.Guess!.Value, i.Title, i.Color!.Value.ToString().ToLowerInvariant()))
        .ToList();

    /// <summary>The errors of the scored items in item order, for the running-mean trend chart.</summary>
    public IReadOnlyList<double> Errors() => Items.Where(i => !i.Failed).Select(i => i.Error!.Value).ToList();

    /// <summary>The course's scatter of guess against truth, titled with <see cref="ChartTitle"/>.</summary>
    public GenericChart ScatterChart() => EvaluationCharts.ErrorScatter(ScatterPoints(), ChartTitle);

    /// <summary>The 2025 course's running mean error with its 95% band.</summary>
    public GenericChart TrendChart() => EvaluationCharts.ErrorTrend(Errors(),
        Edition == CourseEdition.Course2025 ? ErrorWithInterval : $"{Title} running mean error");

    /// <summary>Bootstrap intervals of error, RMSLE and hits (seeded, so reproducible).</summary>
    public BootstrapIntervals Bootstrap(int resamples = Evaluation.Bootstrap.DefaultResamples, int seed = 42) =>
        Evaluation.Bootstrap.Compute(Items, resamples, seed);
}
