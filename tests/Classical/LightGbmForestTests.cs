using PricerLib.Classical;
using PricerLib.Pricers;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Classical;

public class LightGbmForestTests
{
    // A price that steps with the first column and ignores the second: a forest finds the step, a mean cannot.
    private static (List<float[]> Rows, List<double> Prices) Steps(int count)
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, count).Select(_ => new[] { (float)random.NextDouble(), (float)random.NextDouble() }).ToList();
        return (rows, rows.Select(r => r[0] < 0.5 ? 20.0 : 200.0).ToList());
    }

    private static readonly ForestSettings Small = new() { Trees = 20, Leaves = 8 };

    [Fact]
    public void The_forest_finds_the_step_and_saves_and_loads_to_the_same_answers()
    {
        var (rows, prices) = Steps(400);
        using var forest = LightGbmForest.Fit(rows, prices, Small, seed: 42);
        var probes = new List<float[]> { new[] { 0.1f, 0.9f }, new[] { 0.9f, 0.1f } };
        var guesses = forest.Predict(probes);
        Assert.InRange(guesses[0], 15, 25);
        Assert.InRange(guesses[1], 190, 210);

        using var folder = new TempDir();
        var path = folder.File("forest.txt");
        forest.Save(path);
        using var loaded = LightGbmForest.Load(path, width: 2, forest.Offset);
        Assert.Equal(guesses, loaded.Predict(probes));
    }

    [Fact]
    public void The_same_seed_grows_the_same_forest_and_another_seed_another()
    {
        var (rows, prices) = Steps(300);
        var noisy = prices.Select((p, i) => p + i % 7).ToList();
        double[] Guess(int seed)
        {
            using var forest = LightGbmForest.Fit(rows, noisy, Small, seed);
            return forest.Predict(rows);
        }
        Assert.Equal(Guess(1), Guess(1));
        Assert.NotEqual(Guess(1), Guess(2));
    }

    [Fact]
    public void The_bin_budget_bounds_the_thresholds_the_trees_can_split_at()
    {
        // Prices rising smoothly with both columns: with enough bins the trees split at many places.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 1000).Select(_ => new[] { (float)random.NextDouble(), (float)random.NextDouble() }).ToList();
        var prices = rows.Select(r => 100.0 * r[0] + 50.0 * r[1]).ToList();
        int Thresholds(int bins)
        {
            using var folder = new TempDir();
            using var forest = LightGbmForest.Fit(rows, prices, Small with { MaxBin = bins }, seed: 42);
            forest.Save(folder.File("forest.txt"));
            return File.ReadLines(folder.File("forest.txt")).Where(l => l.StartsWith("threshold=", StringComparison.Ordinal))
                .SelectMany(l => l["threshold=".Length..].Split(' ')).Distinct().Count();
        }
        Assert.InRange(Thresholds(4), 1, 2 * 3); // at most 3 cuts per column
        Assert.True(Thresholds(255) > 2 * 3);
    }

    [Fact]
    public void A_file_that_is_not_a_forest_or_of_another_width_is_a_clear_error()
    {
        using var folder = new TempDir();
        var garbage = folder.File("garbage.txt");
        File.WriteAllText(garbage, "not a model");
        Assert.Throws<TrainedModelException>(() => LightGbmForest.Load(garbage, width: 2, offset: 0));

        var (rows, prices) = Steps(100);
        using var forest = LightGbmForest.Fit(rows, prices, Small, seed: 42);
        var path = folder.File("forest.txt");
        forest.Save(path);
        var error = Assert.Throws<TrainedModelException>(() => LightGbmForest.Load(path, width: 400, offset: 0));
        Assert.Contains("2 columns", error.Message);
    }

    [Fact]
    public void Cancelling_stops_between_trees()
    {
        var (rows, prices) = Steps(2000);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        // A million trees would take hours: only the check between trees ends this test.
        Assert.ThrowsAny<OperationCanceledException>(() => LightGbmForest.Fit(rows, prices, Small with { Trees = 1_000_000 }, 42, cancel.Token));
    }
}
