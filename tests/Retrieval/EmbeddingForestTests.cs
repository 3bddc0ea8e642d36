using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Retrieval;

/// <summary><c>embedding-rf</c> on real shared items with the real MiniLM model.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class EmbeddingForestTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public async Task Beats_the_mean_price_saves_loads_and_refuses_another_models_folder()
    {
        var items = ItemStore.Load(Shared.Items);
        var train = items.Take(300).ToList();
        var test = items.Skip(300).Take(60).ToList();
        var registry = WorkbookPricers.Create(new WorkbookSettings { Cache = Path.Combine(temp.Path, "cache") });

        await using var pricer = await registry.Resolve("embedding-rf", new Dictionary<string, string?> { ["trees"] = "30", ["leaves"] = "16" }).TrainAsync(train);
        var report = await Tester.RunAsync(pricer, test, new TesterOptions { Size = test.Count });

        double mean = train.Average(i => i.Price);
        Assert.Equal(0, report.Metrics.Failed);
        Assert.True(report.Metrics.Error < test.Average(i => Math.Abs(i.Price - mean)), $"error {report.Metrics.Error:F2}");
        Assert.All(report.Items, i => Assert.True(i.Guess >= 0));

        var folder = Path.Combine(temp.Path, "model");
        await TrainedModel.SaveAsync(pricer, folder,
            new TrainedModelManifest("embedding-rf", "embedding-rf", 42, new Dictionary<string, string>(), TrainingData.Of(train), 0, DateTimeOffset.UtcNow, "test"));
        var loaded = await registry.LoadAsync(folder);
        await using (loaded.Pricer)
        {
            var again = await Tester.RunAsync(loaded.Pricer, test, new TesterOptions { Size = test.Count });
            Assert.Equal(report.Items.Select(i => i.Guess), again.Items.Select(i => i.Guess));
        }

        var embedderRecord = Path.Combine(folder, "embedder.json");
        File.WriteAllText(embedderRecord, File.ReadAllText(embedderRecord).Replace(PricerLib.Retrieval.EmbedderModel.PackageOnnxSha256, new string('0', 64)));
        var refused = await Assert.ThrowsAsync<TrainedModelException>(() => registry.LoadAsync(folder));
        Assert.Contains("another embedding model", refused.Message);
    }
}
