using PricerLib.Evaluation;

namespace PricerLib.Tests.Evaluation;

public class BootstrapTests
{
    private static List<ItemResult> Run(Func<int, double> guess, int count = 100) =>
        Enumerable.Range(0, count).Select(i => Scoring.Score(i, $"item {i}", 10 + 7 * i, guess(i))).ToList();

    [Fact]
    public void Same_seed_same_intervals_and_they_contain_the_estimates()
    {
        var items = Run(i => 10 + 7 * i + (i % 9 - 4) * 13);
        var metrics = Metrics.Compute(items);
        var a = Bootstrap.Compute(items, seed: 5);
        var b = Bootstrap.Compute(items, seed: 5);
        var c = Bootstrap.Compute(items, seed: 6);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Error, c.Error);
        Assert.True(a.Error.Contains(metrics.Error), $"{a.Error} should contain {metrics.Error}");
        Assert.True(a.Rmsle.Contains(metrics.Rmsle), $"{a.Rmsle} should contain {metrics.Rmsle}");
        Assert.True(a.HitsPercent.Contains(metrics.HitsPercent), $"{a.HitsPercent} should contain {metrics.HitsPercent}");
        Assert.True(a.Error.High > a.Error.Low);
        Assert.Equal(Bootstrap.DefaultResamples, a.Resamples);
    }

    [Fact]
    public void Identical_runs_differ_by_zero_and_tie_everywhere()
    {
        var items = Run(i => 3 * i);
        var result = PairedComparison.Compare(items, items);
        Assert.Equal(0, result.MeanDifference);
        Assert.Equal(new Interval(0, 0), result.DifferenceCi);
        Assert.Equal(100, result.Ties);
        Assert.Equal(100, result.TiesPercent);
    }

    [Fact]
    public void A_closer_run_wins_with_an_interval_below_zero()
    {
        var good = Run(i => 10 + 7 * i + 5);           // off by 5
        var bad = Run(i => 10 + 7 * i + (i % 2 == 0 ? 50 : 5)); // off by 50 on even items, tie on odd ones
        var result = PairedComparison.Compare(good, bad);
        Assert.Equal(-22.5, result.MeanDifference, 10);
        Assert.True(result.DifferenceCi.High < 0);
        Assert.Equal((50, 0, 50), (result.AWins, result.BWins, result.Ties));
        Assert.Equal(50, result.AWinsPercent);
    }

    [Fact]
    public void Items_failed_in_either_run_are_excluded()
    {
        var a = Run(i => 10 + 7 * i, 4);
        var b = Run(i => 10 + 7 * i + 1, 4);
        b[1] = Scoring.Failed(1, b[1].Title, b[1].Truth, "boom");
        var result = PairedComparison.Compare(a, b);
        Assert.Equal((3, 1), (result.Pairs, result.Excluded));
    }

    [Fact]
    public void Different_items_are_a_clear_error()
    {
        var a = Run(i => i, 5);
        var shorter = Run(i => i, 4);
        Assert.Contains("A has 5 items, B has 4", Assert.Throws<ArgumentException>(() => PairedComparison.Compare(a, shorter)).Message);

        var other = Run(i => i, 5);
        other[3] = other[3] with { Title = "something else" };
        Assert.Contains("item 4", Assert.Throws<ArgumentException>(() => PairedComparison.Compare(a, other)).Message);
    }
}
