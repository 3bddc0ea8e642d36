using System.ComponentModel;
using System.Diagnostics;
using Pricer.Cli.Bench;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Classical;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Classical;

/// <summary>
/// <c>pricer bench baselines</c>: trains every classical baseline on real items resampled (with replacement, seeded)
/// to each size, and prices 250 held-out items; prints training and prediction time per pricer, the error on those
/// items, whether word2vec came from the cache (the first word2vec pricer of a size trains it cold, the next two
/// reuse it warm), where the training time went (<see cref="TrainingPhases"/>), CPU time beside wall time (the
/// machine may be shared), the process's peak working set, the managed heap after training, and the total per size.
/// </summary>
public sealed class BenchBaselinesCommand : PricerCommand<BenchBaselinesCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--items <FILE>")]
        [Description("Real items to resample (default: ../shared/data/amazon-items-2024.jsonl where present).")]
        public string? Items { get; init; }

        [CommandOption("--sizes <LIST>")]
        [Description("Training sizes, comma-separated (default 10000,100000,400000).")]
        public string Sizes { get; init; } = "10000,100000,400000";

        [CommandOption("--pricers <LIST>")]
        [Description("Pricer kinds, comma-separated (default: constant and every classical kind).")]
        public string? Pricers { get; init; }

        [CommandOption("--w2v-threads <N>")]
        [Description("word2vec training threads (default 1: reproducible).")]
        public int Word2VecThreads { get; init; } = 1;

        [CommandOption("--w2v-epochs <N>")]
        [Description("word2vec passes over the corpus (default 5, gensim's).")]
        public int Word2VecEpochs { get; init; } = 5;

        public override ValidationResult Validate() =>
            NumberList.Parse(Sizes) is null ? ValidationResult.Error("--sizes takes positive whole numbers separated by commas, e.g. 10000,100000.")
            : Word2VecThreads < 1 ? ValidationResult.Error("--w2v-threads must be at least 1.")
            : Word2VecEpochs < 1 ? ValidationResult.Error("--w2v-epochs must be at least 1.")
            : ValidationResult.Success();
    }

    private const int TestSize = 250;

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var path = ClassicalBench.ItemsPath(settings.Items);
        var items = ItemFiles.Load(path);
        if (items.Count <= TestSize) throw new PricerException($"{path} has {items.Count} items; the benchmark holds out {TestSize} and needs more.");
        var kinds = settings.Pricers?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            ?? ["constant", .. ClassicalPricers.Kinds];

        var order = Enumerable.Range(0, items.Count).ToArray();
        new Random(42).Shuffle(order);
        var test = order[..TestSize].Select(i => items[i]).ToList();
        var pool = order[TestSize..].Select(i => items[i]).ToList();
        var console = CommandConsoles.Out();
        console.MarkupLineInterpolated($"Resampling {pool.Count:N0} real items of {path} (with replacement, seed 42: larger sizes repeat items); testing on {TestSize} held-out items; {Environment.ProcessorCount} cores; load average {ClassicalBench.LoadAverage()}.");

        var table = new Table().AddColumns("items", "pricer", "train s", "train CPU s", "predict s", "items/s", "error", "word2vec", "where training went", "heap MB", "peak MB");
        foreach (int size in NumberList.Parse(settings.Sizes)!)
        {
            var random = new Random(size);
            var train = Enumerable.Range(0, size).Select(_ => pool[random.Next(pool.Count)]).ToList();
            // A fresh cache per size, so the first word2vec pricer measures training and the others the cache.
            var cache = Directory.CreateTempSubdirectory("pricer-bench-w2v-");
            try
            {
                var registry = WorkbookPricers.Create(WorkbookSettings.Current with { Cache = cache.FullName });
                var total = Stopwatch.StartNew();
                foreach (var kind in kinds)
                {
                    var row = await MeasureAsync(registry, kind, settings, train, test, cache.FullName, cancellationToken);
                    string phases = string.Join(", ", row.Phases.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N1}"));
                    table.AddTextRow($"{size:N0}", kind, $"{row.TrainSeconds:N2}", $"{row.TrainCpuSeconds:N1}", $"{row.PredictSeconds:N3}", $"{TestSize / row.PredictSeconds:N0}",
                        $"{row.Error:N2}", row.Word2Vec, phases, $"{row.HeapBytes / 1e6:N0}", $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0}");
                    console.MarkupLineInterpolated($"  {size:N0} {kind}: train {row.TrainSeconds:N2} s ({row.TrainCpuSeconds:N1} CPU s; {phases}), predict {row.PredictSeconds:N3} s");
                }
                console.MarkupLineInterpolated($"  {size:N0}: every pricer in {total.Elapsed.TotalSeconds:N1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB; load average {ClassicalBench.LoadAverage()}.");
            }
            finally
            {
                cache.Delete(recursive: true);
            }
        }
        console.Write(table);
        return 0;
    }

    private sealed record Row(double TrainSeconds, double TrainCpuSeconds, double PredictSeconds, double Error, string Word2Vec,
        IReadOnlyDictionary<string, double> Phases, long HeapBytes);

    private static async Task<Row> MeasureAsync(PricerRegistry registry, string kind, Settings settings, List<Item> train, List<Item> test,
        string cache, CancellationToken cancellationToken)
    {
        var options = new Dictionary<string, string?>();
        if (kind.StartsWith("word2vec", StringComparison.Ordinal))
        {
            options["w2v-threads"] = settings.Word2VecThreads.ToString(System.Globalization.CultureInfo.InvariantCulture);
            options["w2v-epochs"] = settings.Word2VecEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var recipe = registry.Resolve(kind, options);
        bool warm = Directory.Exists(Path.Combine(cache, "word2vec")) && Directory.EnumerateFiles(Path.Combine(cache, "word2vec")).Any();
        var clock = ProcessClock.Start();
        IPricer pricer;
        IReadOnlyDictionary<string, double> phases;
        using (var collected = TrainingPhases.Collect())
        {
            pricer = recipe.Trains ? await recipe.TrainAsync(train, cancellationToken) : await recipe.CreateAsync(cancellationToken);
            phases = collected.Seconds.ToDictionary();
        }
        await using var owned = pricer;
        double trainSeconds = clock.Wall.TotalSeconds;
        double trainCpuSeconds = clock.Cpu.TotalSeconds;
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        var predicting = Stopwatch.StartNew();
        var report = await Tester.RunAsync(pricer, test, new TesterOptions { Size = test.Count }, cancellationToken);
        double predictSeconds = predicting.Elapsed.TotalSeconds;
        string word2vec = kind.StartsWith("word2vec", StringComparison.Ordinal) ? (warm ? "warm (cached)" : "cold (trained)") : "–";
        return new Row(trainSeconds, trainCpuSeconds, predictSeconds, report.Metrics.Error, word2vec, phases, heap);
    }
}
