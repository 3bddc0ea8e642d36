using PricerLib.Evaluation;

namespace PricerLib.Tests.Evaluation;

public class MetricsTests
{
    // Worked by hand:
    //   truth  guess  error  colour                         SLE = (ln(t+1) − ln(g+1))²
    //   100    120     20    green  (20 < 40)               (4.61512 − 4.79579)² = 0.0326417
    //   200    150     50    orange (50 ≥ 40, 25% ≥ 20%)    (5.30330 − 5.01728)² = 0.0818103
    //    50    200    150    red    (150 ≥ 80, 300% ≥ 40%)  (3.93183 − 5.30330)² = 1.8809554
    //    10      0     10    green                          (2.39790 − 0)²       = 5.7499017
    //   mean error = 230/4 = 57.5; hits = 2/4 = 50%; RMSLE = sqrt(7.7453091/4) = 1.3915198
    //   MSE = (400 + 2500 + 22500 + 100)/4 = 6375
    //   mean truth = 90; SS_tot = 100 + 12100 + 1600 + 6400 = 20200; SS_res = 25500; r² = 1 − 25500/20200 = −0.2623762
    //   errors' sd (n−1) = sqrt(12275/3) = 63.966137; se = 31.983068; t(0.975, 3) = 3.1824463 → half width 101.784398
    private static readonly (double Truth, double Guess)[] Table = [(100, 120), (200, 150), (50, 200), (10, 0)];

    private static List<ItemResult> Score(IEnumerable<(double Truth, double Guess)> rows) =>
        rows.Select((r, i) => Scoring.Score(i, $"item {i}", r.Truth, r.Guess)).ToList();

    [Fact]
    public void Metrics_match_the_hand_computed_table()
    {
        var m = Metrics.Compute(Score(Table));
        Assert.Equal(4, m.Count);
        Assert.Equal(0, m.Failed);
        Assert.Equal(57.5, m.Error, 10);
        Assert.Equal(50, m.HitsPercent, 10);
        Assert.Equal(1.3915197755, m.Rmsle, 9);
        Assert.Equal(6375, m.Mse, 10);
        Assert.Equal(1 - 25500.0 / 20200, m.R2!.Value, 10);
        var raw = Metrics.MeanInterval([20, 50, 150, 10])!;
        Assert.Equal(57.5 - 101.784398, raw.Low, 5);
        Assert.Equal(57.5 + 101.784398, raw.High, 5);
        Assert.Equal(0, m.ErrorCi!.Low);          // −44.28 floored: a mean absolute error is never negative
        Assert.Equal(raw.High, m.ErrorCi!.High);
    }

    [Fact]
    public void Failed_items_are_counted_and_excluded()
    {
        var items = Score(Table);
        items.Insert(2, Scoring.Failed(99, "broken", 1000, "boom"));
        var m = Metrics.Compute(items);
        Assert.Equal(4, m.Count);
        Assert.Equal(1, m.Failed);
        Assert.Equal(57.5, m.Error, 10);
    }

    [Fact]
    public void Single_item_has_no_r2_and_no_interval()
    {
        var m = Metrics.Compute(Score([(100, 90)]));
        Assert.Null(m.R2);
        Assert.Null(m.ErrorCi);
        Assert.Equal(10, m.Error);
        Assert.Null(m.ToJson()["r2"]);
    }

    [Fact]
    public void Truths_without_variance_have_no_r2()
    {
        var m = Metrics.Compute(Score([(50, 40), (50, 70)]));
        Assert.Null(m.R2);
        Assert.NotNull(m.ErrorCi);
    }

    [Fact]
    public void No_scored_item_is_a_clear_error()
    {
        var e = Assert.Throws<NothingScoredException>(() => Metrics.Compute([Scoring.Failed(0, "x", 1, "the model timed out")]));
        Assert.Contains("the model timed out", e.Message);
    }

    [Fact]
    public void Chart_title_and_summary_use_the_course_format()
    {
        var report = new TestReport("Gpt 4O Mini", Score(Table), Metrics.Compute(Score(Table)), TimeSpan.Zero);
        Assert.Equal("Gpt 4O Mini Error=$57.50 RMSLE=1.39 Hits=50.0%", report.ChartTitle);
        Assert.StartsWith(report.ChartTitle + " MSE=6,375.00 R2=-0.262", ReportText.Summary(report));
        var points = report.ScatterPoints();
        Assert.Equal(["green", "orange", "red", "green"], points.Select(p => p.Color));
        Assert.Equal((200.0, 150.0, "item 1"), (points[1].Truth, points[1].Guess, points[1].Title));
        Assert.Equal([20.0, 50, 150, 10], report.Errors());
    }

    [Fact]
    public void Item_lines_read_like_the_course()
    {
        var title = "An extremely long product title that goes past forty characters";
        Assert.Equal("3: Guess: $1,299.00 Truth: $1,000.00 Error: $299.00 SLE: 0.07 Item: An extremely long product title that goe...",
            ReportText.ItemLine(Scoring.Score(2, title, 1000, 1299)));
        Assert.Equal("1: FAILED (boom) Truth: $5.00 Item: short", ReportText.ItemLine(Scoring.Failed(0, "short", 5, "boom")));
    }
}
