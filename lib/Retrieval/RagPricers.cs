using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>Registers <c>rag:MODEL</c>: the frontier family's options plus the store of training items it searches.</summary>
public static class RagPricers
{
    private static readonly PricerOption Vectors = PricerOption.Text("vectors", "the vector store of training items (pricer vectors build --items TRAIN --out DIR)");
    private static readonly PricerOption Items = PricerOption.Text("vectors-items", "refuse the store unless it was built from this items file (checked by SHA-256)");
    private static readonly PricerOption Neighbours = PricerOption.Integer("k", "similar items in the context (the course: 5)", RagPricer.CourseNeighbours);
    // RAG's --prompt is the frontier kind's (2024: system message, context, question, "Price is $" prefill; 2025: one
    // user message on the item's summary and its context), so the two kinds cannot disagree on the edition.
    private const string Prompt = "prompt";

    /// <summary>Adds <c>rag</c> to <paramref name="registry"/>.</summary>
    public static PricerRegistry AddRag(this PricerRegistry registry) => registry
        .Register(new("rag", "rag:MODEL", "a chat model given the prices of the 5 most similar training items from a vector store (the course's week 8 RAG)")
        {
            Options = [Vectors, Items, Neighbours, .. FrontierPricers.FrontierOptions],
            Create = (request, ct) => new ValueTask<IPricer>(Task.Run<IPricer>(() => Create(request), ct)),
        });

    private static RagPricer Create(PricerRequest request)
    {
        var options = request.Options;
        string folder = options.Text(Vectors.Name)
            ?? throw new PricerOptionException("Pricer 'rag' needs --vectors DIR: a vector store of the training items (pricer vectors build --items TRAIN --out DIR).");
        var prompt = options.Choice(Prompt) == "edition" ? request.Settings.Edition : CourseEditions.Parse(options.Choice(Prompt), "--prompt");
        var embedder = new SentenceEmbedder();
        try
        {
            var store = VectorStore.Open(folder, embedder, options.Text(Items.Name));
            var manifest = store.Manifest;
            var recorded = new Dictionary<string, string>
            {
                ["folder"] = Path.GetFullPath(folder),
                ["model"] = manifest.Model,
                ["model_sha256"] = manifest.ModelSha256,
                ["items_file"] = manifest.ItemsFile,
                ["items_sha256"] = manifest.ItemsSha256,
                ["count"] = manifest.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            return new RagPricer(store, (messages, identity) => FrontierPricers.Create(request, messages, identity), options.Integer(Neighbours.Name)!.Value, prompt, recorded, embedder);
        }
        catch
        {
            embedder.Dispose();
            throw;
        }
    }
}
