using System.ComponentModel;
using PricerLib.Data;
using PricerLib.Data.Dataset;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer build-dataset INPUT… --out DIR</c>: items files → the course's balanced sample → seeded shuffle →
/// <c>DIR/train.jsonl.gz</c> and <c>DIR/test.jsonl.gz</c>, replaced together with <c>DIR/manifest.json</c>. The summary goes to stderr; exit 1 when nothing was written.
/// </summary>
public sealed class BuildDatasetCommand : PricerCommand<BuildDatasetCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<INPUT>")]
        [Description("Items files: our JSONL(.gz), the shared amazon-items-2024.jsonl, or pricer-data JSONL/Parquet.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--out <DIR>")]
        [Description("Folder for train.jsonl.gz and test.jsonl.gz (created if missing).")]
        public string? Out { get; init; }

        [CommandOption("--train <N>")]
        [Description("Training items (the course: 400,000). A smaller sample keeps the test split whole and trains on the rest.")]
        [DefaultValue(400_000)]
        public int Train { get; init; } = 400_000;

        [CommandOption("--test <N>")]
        [Description("Test items (the course: 2,000).")]
        [DefaultValue(2_000)]
        public int Test { get; init; } = 2_000;

        [CommandOption("--seed <N>")]
        [Description("Seed of the balanced sampling and the shuffle.")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        [CommandOption("--skip-bad-rows")]
        [Description("Leave out (and count) rows that are not valid items instead of stopping at the first.")]
        public bool SkipBadRows { get; init; }

        public override ValidationResult Validate() =>
            Inputs.Length == 0 ? ValidationResult.Error("give at least one items file")
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out DIR is required")
            : Train < 1 ? ValidationResult.Error("--train must be at least 1")
            : Test < 1 ? ValidationResult.Error("--test must be at least 1")
            : ValidationResult.Success();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Task.FromResult(Run(settings, Console.Error, cancellationToken));

    /// <summary>Does the work, reporting to <paramref name="log"/>; returns the exit code (0 done, 1 nothing written).</summary>
    public static int Run(Settings settings, TextWriter log, CancellationToken cancellationToken = default)
    {
        try
        {
            // Before reading and sampling, not after; and never over one of the inputs.
            OutputPaths.CheckFolder(settings.Out!);
            foreach (var name in new[] { DatasetSplit.TrainFileName, DatasetSplit.TestFileName })
                OutputPaths.RefuseInputs(Path.Combine(settings.Out!, name), settings.Inputs);
        }
        catch (OutputFileException e)
        {
            log.WriteLine($"Error: {e.Message}");
            return 1;
        }
        var items = new List<Item>();
        foreach (var input in settings.Inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ItemLoadResult loaded;
            try
            {
                loaded = ItemStore.Load(input, settings.SkipBadRows ? BadRows.Skip : BadRows.Throw);
            }
            catch (ItemFileException e)
            {
                log.WriteLine($"Error: {e.Message}");
                if (e.Row is not null && !settings.SkipBadRows) log.WriteLine("(--skip-bad-rows leaves such rows out and counts them)");
                return 1;
            }
            int noCategory = loaded.Items.Count(item => item.Category is null);
            log.WriteLine($"{input}: {loaded.Items.Count:N0} items, {loaded.DescribeSkips()}" +
                          (noCategory > 0 ? $"; {noCategory:N0} kept without a category" : ""));
            foreach (var skip in loaded.SkippedRows.Take(3)) log.WriteLine($"  skipped {skip.Location}: {skip.Detail}");
            items.AddRange(loaded.Items);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var sample = BalancedSampler.Sample(items, settings.Seed);
        log.WriteLine($"balanced sample: {sample.Items.Count:N0} of {sample.Considered:N0} items " +
                      $"({sample.CappedSlots:N0} price slots cut to {BalancedSampler.SlotCap:N0}, {sample.NotDrawn:N0} items not drawn, " +
                      $"{sample.OutsideSlots:N0} priced outside $1–$999 dropped)");

        DatasetSplit split;
        try
        {
            split = DatasetSplitter.ShuffleAndSplit(sample.Items, settings.Train, settings.Test, settings.Seed);
        }
        catch (DatasetException e)
        {
            log.WriteLine($"Error: {e.Message}; nothing written");
            return 1;
        }
        if (split.TrainShrunk)
            log.WriteLine($"warning: asked for {split.RequestedTrain:N0} training items, the sample leaves {split.Train.Count:N0} after the test split");

        log.WriteLine($"writing {DatasetSplit.TrainFileName}, {DatasetSplit.TestFileName} and {DatasetManifest.FileName} into {settings.Out}");
        string trainPath, testPath;
        try
        {
            (trainPath, testPath) = split.Save(settings.Out!, cancellationToken); // both or neither; a signal removes the temp files
        }
        catch (OutputFileException e)
        {
            log.WriteLine($"Error: {e.Message} The old pair, if any, is untouched.");
            return 1;
        }
        log.WriteLine($"train: {trainPath}");
        log.WriteLine(DatasetSummary.Of(split.Train).ToString());
        log.WriteLine($"test: {testPath}");
        log.WriteLine(DatasetSummary.Of(split.Test).ToString());
        if (split.Unused > 0) log.WriteLine($"{split.Unused:N0} sampled items are in neither split (as in the course)");
        return 0;
    }
}
