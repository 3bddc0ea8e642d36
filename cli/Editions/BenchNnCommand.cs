using System.ComponentModel;
using System.Diagnostics;
using Pricer.Cli.Classical;
using Pricer.Cli.Commands;
using PricerLib.Classical2025;
using PricerLib.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Editions;

/// <summary>
/// <c>pricer bench nn</c>: the 2025 course's neural network trained on a resample of real items (their prompt text
/// standing in for summaries where they have none), twice in one run with the same seed: on one thread, then
/// with a batch spread over every core. Reports training time, the managed heap's peak during training, and losses.
/// </summary>
public sealed class BenchNnCommand : PricerCommand<BenchNnCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--items <FILE>")]
        [Description("Real items to resample (default: ../shared/data/amazon-items-2024.jsonl where present).")]
        public string? Items { get; init; }

        [CommandOption("--count <N>")]
        [Description("Items to train on, drawn with replacement, seeded (default 20,000).")]
        public int Count { get; init; } = 20_000;

        [CommandOption("--epochs <N>")]
        [Description("Passes over the items (default 2, the course's).")]
        public int Epochs { get; init; } = 2;

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the resample and the network (default 42).")]
        public int Seed { get; init; } = 42;

        public override ValidationResult Validate() =>
            Count < 2 ? ValidationResult.Error("--count must be at least 2.")
            : Epochs < 1 ? ValidationResult.Error("--epochs must be at least 1.")
            : ValidationResult.Success();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var source = ItemStore.Load(ClassicalBench.ItemsPath(settings.Items));
        var random = new Random(settings.Seed);
        var items = Enumerable.Range(0, settings.Count).Select(_ => source[random.Next(source.Count)]).ToList();
        var console = CommandConsoles.Out();
        console.WriteLine($"{items.Count:N0} items resampled from {source.Count:N0}; {Environment.ProcessorCount} cores; load average {ClassicalBench.LoadAverage()}");

        var clock = Stopwatch.StartNew();
        var rows = NeuralNetworkPriceModel.Rows(new HashingVectorizer(), items);
        console.WriteLine($"Hashing (all cores): {clock.Elapsed.TotalSeconds:N2} s");
        var targets = items.Select(i => (float)i.Price).ToList();

        var table = new Table().AddColumn("Threads").AddColumn(new TableColumn("Training s").RightAligned())
            .AddColumn(new TableColumn("Peak heap MB").RightAligned()).AddColumn(new TableColumn("Last train MSE").RightAligned())
            .AddColumn(new TableColumn("Val MSE").RightAligned());
        // A short untimed pass first, so that neither timed run pays for compiling the code.
        foreach (int threads in new[] { 1, Environment.ProcessorCount })
            PriceNetwork.Create(PriceNetwork.CourseSizes(5000), 0).Train(rows.Take(512).ToList(), targets.Take(512).ToList(),
                new NetworkTraining { Epochs = 1, Threads = threads }, cancellationToken: cancellationToken);
        double? single = null;
        foreach (int threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var (seconds, peak, losses) = Measure(rows, targets, new NetworkTraining { Seed = settings.Seed, Epochs = settings.Epochs, Threads = threads }, cancellationToken);
            single ??= seconds;
            table.AddTextRow(threads.ToString(), $"{seconds:N2} (×{single / seconds:N2})", $"{peak / 1e6:N0}",
                $"{losses[^1].TrainLoss:N0}", $"{losses[^1].ValidationLoss:N0}");
        }
        console.Write(table);
        return Task.FromResult(0);
    }

    // The managed heap is sampled every 10 ms while training (after a full collection, so each run starts level).
    private static (double Seconds, long PeakHeap, IReadOnlyList<EpochLoss> Losses) Measure(IReadOnlyList<SparseRow> rows, IReadOnlyList<float> targets,
        NetworkTraining training, CancellationToken cancellationToken)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long peak = GC.GetTotalMemory(false);
        using var sampler = new Timer(_ => InterlockedMax(ref peak, GC.GetTotalMemory(false)), null, 0, 10);
        var clock = Stopwatch.StartNew();
        var network = PriceNetwork.Create(PriceNetwork.CourseSizes(5000), training.Seed);
        var losses = network.Train(rows, targets, training, cancellationToken: cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        InterlockedMax(ref peak, GC.GetTotalMemory(false));
        return (seconds, peak, losses);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
