using PricerLib.Data;
using PricerLib.Retrieval;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Retrieval;

/// <summary>The store built from real shared items with the real MiniLM model.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class VectorStoreTests
{
    private static SentenceEmbedder Embedder => Embedders.MiniLm;

    private static string ItemsFile(TempDir dir, int count, int skip = 0, string name = "items.jsonl")
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllLines(path, File.ReadLines(Shared.Items).Skip(skip).Take(count));
        return path;
    }

    [SkippableFact]
    public void An_items_own_document_finds_itself_first_and_neighbours_come_nearest_first()
    {
        using var dir = new TempDir();
        var items = ItemsFile(dir, 40);
        var folder = Path.Combine(dir.Path, "store");

        var manifest = VectorStoreBuilder.Build(items, folder, Embedder);
        var store = VectorStore.Open(folder, Embedder, items);

        Assert.Equal(40, manifest.Count);
        Assert.Equal(DataFiles.Sha256Of(items), manifest.ItemsSha256);
        var item = ItemStore.Load(items)[7];
        var found = store.FindAsync(ItemDocuments.Of(item), 5).AsTask().Result;
        Assert.Equal(7, found[0].Index);
        Assert.Equal(item.Title, found[0].Title);
        Assert.Equal(item.Price, found[0].Price);
        Assert.InRange(found[0].Distance, 0f, 1e-3f);
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.Distance <= p.Second.Distance));
        Assert.Equal(5, found.Select(n => n.Index).Distinct().Count());
    }

    [Fact]
    public void The_course_document_drops_the_question_and_the_price()
    {
        var item = new Item { Title = "T", Price = 12, Prompt = $"{Item.Question}\n\nTitle line\nBody text\n\nPrice is $12.00" };
        Assert.Equal("Title line\nBody text", ItemDocuments.Of(item));
        Assert.Equal("A summary", ItemDocuments.Of(item with { Summary = "A summary" }));
    }

    [SkippableFact]
    public void Ties_are_broken_by_item_order()
    {
        using var dir = new TempDir();
        var line = File.ReadLines(Shared.Items).First();
        var items = Path.Combine(dir.Path, "same.jsonl");
        File.WriteAllLines(items, [line, line, line]);
        VectorStoreBuilder.Build(items, Path.Combine(dir.Path, "s"), Embedder);

        var found = VectorStore.Open(Path.Combine(dir.Path, "s"), Embedder).FindAsync("anything at all", 3).AsTask().Result;

        Assert.Equal([0, 1, 2], found.Select(n => n.Index));
    }

    [SkippableFact]
    public void A_cancelled_build_keeps_its_chunks_and_the_next_build_resumes_to_the_same_store()
    {
        using var dir = new TempDir();
        var items = ItemsFile(dir, 30);
        var resumed = Path.Combine(dir.Path, "resumed");
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress<StoreBuildProgress>(p => { if (p.Done >= 10) cancel.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() => VectorStoreBuilder.Build(items, resumed, Embedder, progress, cancel.Token, chunkSize: 10));
        Assert.False(File.Exists(Path.Combine(resumed, "manifest.json")));
        Assert.Throws<VectorStoreException>(() => VectorStore.Open(resumed, Embedder));
        Assert.Equal(10 * 384 * 4, new FileInfo(Path.Combine(resumed, "vectors.f32")).Length);

        var reports = new List<StoreBuildProgress>();
        VectorStoreBuilder.Build(items, resumed, Embedder, new InlineProgress<StoreBuildProgress>(reports.Add), chunkSize: 10);
        VectorStoreBuilder.Build(items, Path.Combine(dir.Path, "whole"), Embedder);

        Assert.Equal(new StoreBuildProgress(10, 30), reports[0]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, "whole", "vectors.f32")), File.ReadAllBytes(Path.Combine(resumed, "vectors.f32")));
        Assert.Equal(File.ReadAllText(Path.Combine(dir.Path, "whole", "rows.jsonl")), File.ReadAllText(Path.Combine(resumed, "rows.jsonl")));
    }

    [SkippableFact]
    public void Bad_stores_and_requests_get_clear_errors()
    {
        using var dir = new TempDir();
        var items = ItemsFile(dir, 6);
        var other = ItemsFile(dir, 6, skip: 6, name: "other.jsonl");
        var folder = Path.Combine(dir.Path, "store");
        VectorStoreBuilder.Build(items, folder, Embedder);
        var store = VectorStore.Open(folder, Embedder);

        var tooMany = Assert.Throws<VectorStoreException>(() => store.FindAsync("x", 7).AsTask().GetAwaiter().GetResult());
        Assert.Contains("holds 6 rows", tooMany.Message);
        Assert.Contains("not from", Assert.Throws<VectorStoreException>(() => VectorStore.Open(folder, Embedder, other)).Message);
        Assert.Contains("already holds", Assert.Throws<VectorStoreException>(() => VectorStoreBuilder.Build(other, folder, Embedder)).Message);

        var vectors = Path.Combine(folder, "vectors.f32");
        using (var stream = new FileStream(vectors, FileMode.Open)) stream.SetLength(stream.Length - 4);
        Assert.Contains("truncated", Assert.Throws<VectorStoreException>(() => VectorStore.Open(folder, Embedder)).Message);
        File.Delete(vectors);
        Assert.Contains("missing", Assert.Throws<VectorStoreException>(() => VectorStore.Open(folder, Embedder)).Message);
        Assert.Contains("not found", Assert.Throws<VectorStoreException>(() => VectorStore.Open(Path.Combine(dir.Path, "nowhere"), Embedder)).Message);
    }
}
