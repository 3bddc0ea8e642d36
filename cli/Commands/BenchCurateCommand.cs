using System.ComponentModel;
using System.Diagnostics;
using Pricer.Cli.Bench;
using PricerLib;
using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Data.Demo;
using PricerLib.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer bench curate</c>: curation throughput on one core and on all cores. By default on a large synthetic
/// catalogue (parse + scrub + tokenize, with the tokenizer's share); with <c>--real</c> on real product text
/// (raw rows rebuilt from the shared items, or <c>--input FILE</c>), per curation path and stage, with the SHA-256
/// of the items written so the paths can be seen to agree.
/// </summary>
public sealed class BenchCurateCommand : PricerCommand<BenchCurateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--records <N>")]
        [Description("Synthetic: generated raw records to curate (default 200,000).")]
        public int Records { get; init; } = 200_000;

        [CommandOption("--real")]
        [Description("Curate real product text: raw rows rebuilt from ../shared/data/amazon-items-2024.jsonl (×5), or --input.")]
        public bool Real { get; init; }

        [CommandOption("--input <FILE>")]
        [Description("Real: a raw metadata file (meta_<Category>.jsonl[.gz]) to curate instead of the rebuilt rows; implies --real.")]
        public string? Input { get; init; }

        [CommandOption("--path <PATH>")]
        [Description("Real: the curation path to measure, baseline or fast (default: both, baseline first).")]
        public CurationPath? Path { get; init; }

        [CommandOption("--tokenizer <PATH>")]
        [Description("Llama 3 tokenizer.model or GGUF (default: PRICER_TOKENIZER, else the one download-tokenizer fetched, else cl100k_base with a warning).")]
        public string? Tokenizer { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Threads of the parallel run (default: every core).")]
        public int Threads { get; init; } = Environment.ProcessorCount;

        public override ValidationResult Validate() =>
            Records < 1 ? ValidationResult.Error("--records must be at least 1.")
            : Threads < 1 ? ValidationResult.Error("--threads must be at least 1.")
            : Path is not null && !(Real || Input is not null) ? ValidationResult.Error("--path needs --real or --input.")
            : ValidationResult.Success();
    }

    /// <summary>How many times the shared items are repeated for the real input (the issue's 10,439 × 5 rows).</summary>
    private const int RealRepeats = 5;

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Task.FromResult(settings.Real || settings.Input is not null ? RunReal(settings, cancellationToken) : RunSynthetic(settings, cancellationToken));

    private static int RunReal(Settings settings, CancellationToken cancellationToken)
    {
        var console = CommandConsoles.Out();
        string input = settings.Input ?? RebuiltRealInput(cancellationToken);
        MetadataFile.Open(input); // a clear error now for an unusable --input
        double megabytes = new FileInfo(input).Length / 1e6;
        var tokenizer = TokenizerSource.Load(settings.Tokenizer, Console.Error);
        console.MarkupLineInterpolated($"Input: real product text, {megabytes:N1} MB ({input}); tokenizer {tokenizer.Name}; {Environment.ProcessorCount} cores");

        CurationPath[] paths = settings.Path is { } only ? [only] : [CurationPath.Baseline, CurationPath.Fast];
        int[] threadCounts = settings.Threads == 1 ? [1] : [1, settings.Threads];
        var runs = new List<CurationRun>();
        foreach (int threads in threadCounts)
            foreach (var path in paths)
            {
                var clock = new CurationStageClock();
                // Each run starts with empty caches, as a user's run does: a tokenizer of its own (loaded untimed).
                var runTokenizer = runs.Count == 0 ? tokenizer : TokenizerSource.Load(settings.Tokenizer, TextWriter.Null);
                var curator = new ItemCurator(runTokenizer, path) { Clock = clock };
                string name = path.ToString().ToLowerInvariant();
                string output = System.IO.Path.Combine(WorkbookSettings.Current.Out, "bench", $"items-{name}-{threads}.jsonl");
                runs.Add(CurationRun.Measure(name, curator, clock, threads, input, output, cancellationToken));
            }

        var first = runs[0];
        var table = new Table().AddColumns("path", "threads", "rows/s", "MB/s", $"vs {first.Path} 1-thread", "rows per CPU-s",
            "vs (CPU)", "GC pauses", "kept", "cache hits", "SHA-256 of items");
        foreach (var run in runs)
        {
            double seconds = run.Wall.TotalSeconds;
            table.AddTextRow(run.Path, $"{run.Threads}", $"{run.Rows / seconds:N0}", $"{megabytes / seconds:N1}", $"{first.Wall / run.Wall:N2}×",
                $"{run.Rows / run.Cpu.TotalSeconds:N0}", $"{first.Cpu / run.Cpu:N2}×", $"{run.GcPause / run.Wall:P1} ({run.FullCollections} full)", $"{run.Kept:N0}",
                run.HitRate is { } hits ? $"{hits:P1}" : "–", run.Sha256[..16]);
        }
        console.Write(table);

        // Per stage from the one-thread runs, where every stage runs on the one thread and the times add up to the wall.
        var stages = new Table().AddColumn("stage (1 thread, µs per row)");
        var single = runs.Where(r => r.Threads == 1).ToList();
        foreach (var run in single) stages.AddColumn(run.Path);
        foreach (var (stage, index) in first.Stages.Select((s, i) => (s.Stage, i)))
            stages.AddTextRow([stage, .. single.Select(r => $"{r.Stages[index].Time.TotalMicroseconds / r.Rows:N1}")]);
        console.Write(stages);

        var scrub = ScrubComparison.Measure(input);
        if (scrub.Texts > 0)
            console.MarkupLineInterpolated($"Scrub alone, {scrub.Texts:N0} titles and descriptions in turns: first port (baseline) {scrub.FirstPort:N2} CPU µs per text, two-pass (fast) {scrub.TwoPass:N2} ({scrub.FirstPort / scrub.TwoPass:N2}×)");

        bool identical = runs.Select(r => r.Sha256).Distinct().Count() == 1;
        console.MarkupLineInterpolated($"Items written: {(identical ? "identical on every run" : "DIFFERENT between runs")}, SHA-256 {first.Sha256}");
        return identical ? 0 : 1;
    }

    /// <summary>The shared items rebuilt as raw rows, cached under the output folder and reused across runs.</summary>
    private static string RebuiltRealInput(CancellationToken cancellationToken)
    {
        string items = ProjectPaths.Shared is { } shared ? System.IO.Path.Combine(shared, "data", "amazon-items-2024.jsonl") : "";
        if (!File.Exists(items))
            throw new MetadataInputException(items.Length > 0 ? items : "../shared/data/amazon-items-2024.jsonl",
                "--real rebuilds its rows from the shared items, which are missing (set PRICER_SHARED), or give --input FILE.");
        string input = System.IO.Path.Combine(WorkbookSettings.Current.Out, "bench", $"real-x{RealRepeats}.jsonl");
        if (!File.Exists(input) || File.GetLastWriteTimeUtc(input) < File.GetLastWriteTimeUtc(items))
        {
            CommandConsoles.Error().WriteLine($"Rebuilding real metadata rows from {items} into {input} …");
            RealMetadataRows.Write(items, input, RealRepeats, cancellationToken);
        }
        return input;
    }

    private sealed record Measurement(string Name, int Threads, long Records, long Kept, TimeSpan Wall, TimeSpan TokenizerTime);

    private static int RunSynthetic(Settings settings, CancellationToken cancellationToken)
    {
        var tokenizer = new TimedTokenizer(TokenizerSource.Load(settings.Tokenizer, Console.Error));

        // The demo generator is deterministic, so the input is cached by size and reused across runs.
        var input = System.IO.Path.Combine(WorkbookSettings.Current.Out, "bench", $"demo-{settings.Records}.jsonl");
        if (!File.Exists(input))
        {
            CommandConsoles.Error().WriteLine($"Generating {settings.Records:N0} synthetic raw records into {input} …");
            DemoCatalogue.WriteFile(input, settings.Records, seed: 42, cancellationToken);
        }
        double megabytes = new FileInfo(input).Length / 1e6;

        var runs = new[]
        {
            Measure("synthetic: parse only", 1, input, tokenizer, curate: false, cancellationToken),
            Measure("synthetic: curate", 1, input, tokenizer, curate: true, cancellationToken),
            Measure("synthetic: curate", settings.Threads, input, tokenizer, curate: true, cancellationToken),
        };

        // The count actually read, not --records: a cached or edited input may hold fewer.
        var console = CommandConsoles.Out();
        long read = runs[0].Records;
        console.MarkupLineInterpolated($"Input: {read:N0} synthetic raw records, {megabytes:N1} MB ({input}); tokenizer {tokenizer.Name}");
        if (read != settings.Records)
            CommandConsoles.Warn($"Warning: --records asked for {settings.Records:N0}, but {input} holds {read:N0}; delete it to regenerate it.");
        var baseline = runs[1];
        var table = new Table().AddColumns("step", "threads", "records/s", "MB/s", "kept", "tokenizer share", "vs 1-core curate");
        foreach (var run in runs)
        {
            double seconds = run.Wall.TotalSeconds;
            // Tokenizer time is summed over threads; divide by the threads' total time for its share.
            double share = run.TokenizerTime.TotalSeconds / (seconds * run.Threads);
            table.AddTextRow(run.Name, $"{run.Threads}", $"{run.Records / seconds:N0}", $"{megabytes / seconds:N1}", $"{run.Kept:N0}",
                run == runs[0] ? "–" : $"{share:P0}", $"{baseline.Wall / run.Wall:N2}×");
        }
        console.Write(table);
        return 0;
    }

    private static Measurement Measure(string name, int threads, string input, TimedTokenizer tokenizer, bool curate, CancellationToken cancellationToken)
    {
        var curator = new ItemCurator(tokenizer);
        Func<RawProduct, CurationOutcome> step = curate
            ? product => curator.Curate(product)
            : _ => CurationOutcome.Skipped(SkipReason.TooFewCharacters); // parse only: every row read, none curated
        tokenizer.Reset();
        var clock = Stopwatch.StartNew();
        var result = new CurationPipeline(step, threads).Run([input], cancellationToken: cancellationToken);
        clock.Stop();
        return new Measurement(name, threads, result.Summary.Read, result.Summary.Kept, clock.Elapsed, tokenizer.Elapsed);
    }
}
