using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Retrieval;
using PricerLib.Tests.Frontier;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Retrieval;

/// <summary><c>rag:MODEL</c> from the registry: a real store of shared items built with the real MiniLM model, the
/// request sent by the OpenAI SDK to the test server.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class RagEndToEndTests
{
    [SkippableFact]
    public async Task Prices_with_the_stores_nearest_training_items_and_records_the_store()
    {
        await using var rig = await FrontierRig.StartAsync();
        var (train, store, test) = StoreOfSharedItems(rig, 60);
        var registry = WorkbookPricers.Create(new WorkbookSettings { Cache = rig.CacheFolder });
        var options = new Dictionary<string, string?> { ["vectors"] = store, ["vectors-items"] = train, ["base-url"] = rig.Server.BaseUrl.ToString() };

        await using var pricer = await registry.CreateAsync("rag:gpt-4o-mini", options);
        var report = await Tester.RunAsync(pricer, test, new TesterOptions { Size = test.Count });

        Assert.All(report.Items, r => Assert.False(r.Failed, r.FailedReason));
        var opened = VectorStore.Open(store, Embedders.MiniLm);
        foreach (var item in test)
        {
            var nearest = await opened.FindAsync(ItemDocuments.Of(item), 5);
            var expected = RagMessages.For(item, nearest)[1].Content;
            Assert.Contains(rig.Server.Requests, r => r.LastMessage() == expected);
        }
        Assert.Equal(3, rig.Server.CountOf("chat/completions"));
        Assert.Equal("rag", pricer.Details.Kind);
        Assert.Equal(DataFiles.Sha256Of(train), pricer.Details.Parameters["store.items_sha256"]);
        Assert.Equal("60", pricer.Details.Parameters["store.count"]);
    }

    [SkippableFact]
    public async Task A_rerun_with_a_warm_cache_embeds_nothing()
    {
        await using var rig = await FrontierRig.StartAsync();
        var (train, store, test) = StoreOfSharedItems(rig, 20);
        var finder = new CountingFinder(VectorStore.Open(store, Embedders.MiniLm));
        var manifest = new Dictionary<string, string> { ["items_sha256"] = DataFiles.Sha256Of(train) };

        await using (var first = RagPricerTests.Rag(rig, finder, manifest))
            Assert.All(await RagPricerTests.Collect(first, test), r => Assert.Null(r.Error));
        Assert.Equal(3, finder.Searches);
        await using (var second = RagPricerTests.Rag(rig, finder, manifest))
        {
            Assert.All(await RagPricerTests.Collect(second, test), r => Assert.Null(r.Error));
            await second.PriceAsync(test[0]);
        }

        Assert.Equal(3, finder.Searches); // every answer came from the cache: no query was embedded again
        Assert.Equal(3, rig.Server.CountOf("chat/completions"));
    }

    // A store of the first `count` shared items, and the next three items to price.
    private static (string Train, string Store, List<Item> Test) StoreOfSharedItems(FrontierRig rig, int count)
    {
        string train = rig.Folder.File("train.jsonl"), store = rig.Folder.File("store");
        File.WriteAllLines(train, File.ReadLines(Shared.Items).Take(count));
        VectorStoreBuilder.Build(train, store, Embedders.MiniLm);
        return (train, store, ItemStore.Load(Shared.Items).Skip(count).Take(3).ToList());
    }

    [SkippableFact]
    public async Task A_store_of_another_items_file_or_none_is_refused_clearly()
    {
        using var dir = new TempDir();
        string train = dir.File("train.jsonl"), other = dir.File("other.jsonl"), store = dir.File("store");
        File.WriteAllLines(train, File.ReadLines(Shared.Items).Take(8));
        File.WriteAllLines(other, File.ReadLines(Shared.Items).Skip(8).Take(8));
        VectorStoreBuilder.Build(train, store, Embedders.MiniLm);
        var registry = WorkbookPricers.Create(new WorkbookSettings { Cache = dir.File("cache") });

        var mismatch = await Assert.ThrowsAsync<VectorStoreException>(async () =>
            await registry.CreateAsync("rag:gpt-4o-mini", new Dictionary<string, string?> { ["vectors"] = store, ["vectors-items"] = other }));
        Assert.Contains("not from", mismatch.Message);
        var missing = await Assert.ThrowsAsync<PricerOptionException>(async () => await registry.CreateAsync("rag:gpt-4o-mini"));
        Assert.Contains("--vectors DIR", missing.Message);
    }
}

/// <summary>The real store (its real MiniLM embeds each query), counting the searches, each of which embeds one query.</summary>
internal sealed class CountingFinder(VectorStore store) : INeighbourFinder
{
    private int _searches;

    public int Searches => _searches;

    public ValueTask<IReadOnlyList<Neighbour>> FindAsync(string document, int k, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _searches);
        return store.FindAsync(document, k, cancellationToken);
    }
}
