using System.Diagnostics;
using PricerLib.Data;
using PricerLib.Data.Amazon;

namespace Pricer.Cli.Bench;

/// <summary>One measured curation run: metadata file → items file, with the time of each stage.</summary>
/// <param name="Path">The curation path's name ("baseline", "fast").</param>
/// <param name="Threads">Worker threads.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="Kept">Items written.</param>
/// <param name="Wall">Wall-clock time of the whole run.</param>
/// <param name="Cpu">CPU time the process used in the run, all threads: steadier than the wall on a shared machine.</param>
/// <param name="Stages">Time per stage, summed over threads: read + parse, the curator's stages, write.</param>
/// <param name="Sha256">SHA-256 of the items file written, in hex.</param>
/// <param name="HitRate">The tokenizer's piece-cache hit rate, where the tokenizer reports it.</param>
internal sealed record CurationRun(string Path, int Threads, long Rows, long Kept, TimeSpan Wall, TimeSpan Cpu,
    IReadOnlyList<(string Stage, TimeSpan Time)> Stages, string Sha256, double? HitRate)
{
    /// <summary>Curates <paramref name="input"/> into <paramref name="output"/> with <paramref name="curator"/> on <paramref name="threads"/> threads.</summary>
    public static CurationRun Measure(string path, ItemCurator curator, CurationStageClock clock, int threads,
        string input, string output, CancellationToken cancellationToken)
    {
        long curateTicks = 0, waitTicks = 0;
        var pipeline = new CurationPipeline(product =>
        {
            long start = Stopwatch.GetTimestamp();
            var outcome = curator.Curate(product);
            Interlocked.Add(ref curateTicks, Stopwatch.GetTimestamp() - start);
            return outcome;
        }, threads);
        var statistics = curator.PieceCache;
        statistics?.ResetStatistics();

        var summary = new CurationSummary();
        var timing = ProcessClock.Start();
        var items = pipeline.Curate([MetadataFile.Open(input)], summary, cancellationToken: cancellationToken);
        ItemStore.Save(Waited(items, ticks => waitTicks += ticks), output);
        var (wall, cpu) = (timing.Wall, timing.Cpu);

        // With one thread the pipeline reads, parses and curates inside the writer's wait; with more, the wait is
        // the writer's idle time and read + parse is what the curator's own time leaves of the workers'.
        var curated = Stopwatch.GetElapsedTime(0, curateTicks);
        var waited = Stopwatch.GetElapsedTime(0, waitTicks);
        var stages = new List<(string, TimeSpan)>
        {
            ("read + parse", threads == 1 ? waited - curated : TimeSpan.Zero),
            ("scrub", clock[CurationStage.Scrub]),
            ("tokenize + cut", clock[CurationStage.TokenizeAndCut]),
            ("decode", clock[CurationStage.Decode]),
            ("prompt count", clock[CurationStage.PromptCount]),
            ("write", wall - waited),
        };
        return new CurationRun(path, threads, summary.Read, summary.Kept, wall, cpu, stages, DataFiles.Sha256Of(output),
            statistics is { Lookups: > 0 } s ? (double)s.Hits / s.Lookups : null);
    }

    private static IEnumerable<Item> Waited(IEnumerable<Item> items, Action<long> addWait)
    {
        using var enumerator = items.GetEnumerator();
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            bool more = enumerator.MoveNext();
            addWait(Stopwatch.GetTimestamp() - start);
            if (!more) yield break;
            yield return enumerator.Current;
        }
    }
}
