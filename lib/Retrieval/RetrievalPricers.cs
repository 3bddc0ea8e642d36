using PricerLib.Classical;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>The week 8 pricers on sentence embeddings: <c>embedding-rf</c>.</summary>
public static class RetrievalPricers
{
    private static readonly PricerOption Vectors = PricerOption.Text("vectors",
        "a vector store of exactly the training items (pricer vectors build) whose vectors to reuse instead of embedding them again");

    /// <summary>The embedder every retrieval pricer of this process shares (the ONNX session is thread-safe; loading takes a second).</summary>
    private static readonly Lazy<SentenceEmbedder> Embedder = new(() => new SentenceEmbedder());

    /// <summary>Registers <c>embedding-rf</c>.</summary>
    public static PricerRegistry AddEmbeddingForest(this PricerRegistry registry) => registry
        .Register(new("embedding-rf", "embedding-rf", "all-MiniLM-L6-v2 embeddings of the item documents + random forest (100 trees), clamped at 0 (course week 8)")
        {
            Options = [ClassicalPricers.Trees, ClassicalPricers.Leaves, Vectors],
            Trainer = request => new ClassicalTrainer("embedding-rf", (train, ct) =>
            {
                var settings = new ForestSettings { Trees = ClassicalPricers.Positive(request, ClassicalPricers.Trees), Leaves = Math.Max(2, ClassicalPricers.Positive(request, ClassicalPricers.Leaves)) };
                var store = request.Options.Text(Vectors.Name) is { } folder ? VectorStore.Open(folder, Embedder.Value) : null;
                return EmbeddingForestPriceModel.Fit(train, Embedder.Value, settings, request.Seed, store, ct);
            }),
            Load = (_, folder, ct) => new ValueTask<IPricer>(Task.Run<IPricer>(
                () => new ClassicalPricer("embedding-rf", EmbeddingForestPriceModel.Load(folder, Embedder.Value)), ct)),
        });
}
