using Plotly.NET;
using PricerLib.Charts;

namespace PricerLib.Evaluation;

/// <summary>The outcome of a Tester run: every item in order, the metrics, and how long it took.</summary>
/// <param name="Title">The run's title, shown on its charts.</param>
/// <param name="Items">One result per tested item, in item order, failed ones included.</param>
/// <param name="Metrics">Summary over the scored items.</param>
/// <param name="Wall">Wall-clock time of the whole run.</param>
public sealed record TestReport(string Title, IReadOnlyList<ItemResult> Items, Metrics Metrics, TimeSpan Wall)
{
    /// <summary>
    /// The course's chart title: <c>f"{title} Error=${error:,.2f} RMSLE={rmsle:,.2f} Hits={hits:.1f}%"</c>.
    /// </summary>
    public string ChartTitle =>
        $"{Title} Error=${CourseFormat.Number(Metrics.Error)} RMSLE={CourseFormat.Number(Metrics.Rmsle)} Hits={CourseFormat.Fixed(Metrics.HitsPercent, 1)}%";

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
    public GenericChart TrendChart() => EvaluationCharts.ErrorTrend(Errors(), $"{Title} running mean error");

    /// <summary>Bootstrap intervals of error, RMSLE and hits (seeded, so reproducible).</summary>
    public BootstrapIntervals Bootstrap(int resamples = Evaluation.Bootstrap.DefaultResamples, int seed = 42) =>
        Evaluation.Bootstrap.Compute(Items, resamples, seed);
}
