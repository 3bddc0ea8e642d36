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
/// <c>pricer bench curate</c>: curation throughput (parse + scrub + tokenize) on a large generated input, on one core and on
/// all cores, with the share of the time spent counting tokens. Figures are ratios against the one-core run of the same
/// invocation, so they compare across machines.
/// </summary>
public sealed class BenchCurateCommand : PricerCommand<BenchCurateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--records <N>")]
        [Description("Generated raw records to curate (default 200,000).")]
        public int Records { get; init; } = 200_000;

        [CommandOption("--tokenizer <PATH>")]
        [Description("Llama 3 tokenizer.model or GGUF (default: PRICER_TOKENIZER, else the one download-tokenizer fetched, else cl100k_base with a warning).")]
        public string? Tokenizer { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Threads of the parallel run (default: every core).")]
        public int Threads { get; init; } = Environment.ProcessorCount;

        public override ValidationResult Validate() =>
            Records < 1 ? ValidationResult.Error("--records must be at least 1.")
            : Threads < 1 ? ValidationResult.Error("--threads must be at least 1.")
            : ValidationResult.Success();
    }

    private sealed record Measurement(string Name, int Threads, long Records, long Kept, TimeSpan Wall, TimeSpan TokenizerTime);

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Task.FromResult(Run(settings, cancellationToken));

    private static int Run(Settings settings, CancellationToken cancellationToken)
    {
        var tokenizer = new TimedTokenizer(TokenizerSource.Load(settings.Tokenizer, Console.Error));

        // The demo generator is deterministic, so the input is cached by size and reused across runs.
        var input = Path.Combine(WorkbookSettings.Current.Out, "bench", $"demo-{settings.Records}.jsonl");
        if (!File.Exists(input)) DemoCatalogue.WriteFile(input, settings.Records, seed: 42);
        double megabytes = new FileInfo(input).Length / 1e6;

        var console = CommandConsoles.Out();
        console.MarkupLineInterpolated($"Input: {settings.Records:N0} synthetic raw records, {megabytes:N1} MB ({input}); tokenizer {tokenizer.Name}");
        var runs = new[]
        {
            Measure("parse only", 1, input, tokenizer, curate: false, cancellationToken),
            Measure("curate", 1, input, tokenizer, curate: true, cancellationToken),
            Measure("curate", settings.Threads, input, tokenizer, curate: true, cancellationToken),
        };

        var baseline = runs[1];
        var table = new Table().AddColumns("step", "threads", "records/s", "MB/s", "kept", "tokenizer share", "vs 1-core curate");
        foreach (var run in runs)
        {
            double seconds = run.Wall.TotalSeconds;
            // Tokenizer time is summed over threads; divide by the threads' total time for its share.
            double share = run.TokenizerTime.TotalSeconds / (seconds * run.Threads);
            table.AddRow(run.Name, $"{run.Threads}", $"{run.Records / seconds:N0}", $"{megabytes / seconds:N1}", $"{run.Kept:N0}",
                run.Name == "parse only" ? "–" : $"{share:P0}", $"{baseline.Wall / run.Wall:N2}×");
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
