using PricerLib.Classical;
using PricerLib.Data;
using PricerLib.Data.Dataset;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Support;
using Xunit.Abstractions;

namespace PricerLib.Tests.Classical;

/// <summary>
/// Every baseline trained on a seeded 90% of the shared real items and tested on the other 10%: the course's
/// ordering of errors must hold on real, in-distribution data, and <c>gbm</c> must be at least as good as the best
/// baseline (within 2%), as issue 7 asks.
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class SharedItemsAccuracyTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public async Task The_baselines_keep_the_courses_ordering_and_gbm_is_at_least_as_good_as_the_best()
    {
        var items = ItemStore.Load(Shared.Items);
        int testCount = items.Count / 10;
        var split = DatasetSplitter.ShuffleAndSplit(items, items.Count - testCount, testCount, seed: 42);
        var registry = WorkbookPricers.Create(new WorkbookSettings { Cache = temp.File("cache") });
        // word2vec on both cores (its vectors are shared by the three word2vec kinds through the cache) and gbm with
        // 150 rounds per candidate keep this to about 80 seconds on 2 idle cores; the forest keeps its defaults.
        var options = new Dictionary<string, Dictionary<string, string?>>
        {
            ["word2vec-lr"] = new() { ["w2v-threads"] = "2" },
            ["word2vec-svr"] = new() { ["w2v-threads"] = "2" },
            ["word2vec-rf"] = new() { ["w2v-threads"] = "2" },
            ["gbm"] = new() { ["rounds"] = "150" },
        };
        var errors = new Dictionary<string, double>();
        string[] kinds = ["constant", .. ClassicalPricers.Kinds];
        foreach (var kind in kinds)
        {
            await using var pricer = await registry.Resolve(kind, options.GetValueOrDefault(kind)).TrainAsync(split.Train);
            var report = await Tester.RunAsync(pricer, split.Test, new TesterOptions { Size = split.Test.Count });
            Assert.Equal(0, report.Metrics.Failed);
            errors[kind] = report.Metrics.Error;
        }
        string all = string.Join(", ", errors.Select(e => $"{e.Key} {e.Value:F2}"));
        output.WriteLine(all);

        // The course: constant > features LR > bag of words and word2vec > random forest.
        Assert.True(errors["constant"] > errors["features-lr"], all);
        foreach (var text in new[] { "bow-lr", "word2vec-lr", "word2vec-svr" }) Assert.True(errors["features-lr"] > errors[text], $"{text}: {all}");
        foreach (var linear in new[] { "bow-lr", "word2vec-lr", "word2vec-svr" }) Assert.True(errors[linear] > errors["word2vec-rf"], $"{linear}: {all}");
        double best = errors.Where(e => e.Key != "gbm").Min(e => e.Value);
        Assert.True(errors["gbm"] <= best * 1.02, all);
    }
}
