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
/// <param name="GcPause">Time the garbage collector paused the process during the run (every thread waits then).</param>
/// <param name="FullCollections">Collections of every generation during the run (each also marks the tokenizer's heap).</param>
internal sealed record CurationRun(string Path, int Threads, long Rows, long Kept, TimeSpan Wall, TimeSpan Cpu,
    IReadOnlyList<(string Stage, TimeSpan Time)> Stages, string Sha256, double? HitRate, TimeSpan GcPause,
    int FullCollections)
{
    /// <summary>Curates <paramref name="input"/> into <paramref name="output"/> with <paramref name="curator"/> on <paramref name="threads"/> threads.</summary>
    public static CurationRun Measure(string path, ItemCurator curator, CurationStageClock clock, int threads,
        string input, string output, CancellationToken cancellationToken)
    {
        // The baseline runs as the first port did: new arrays per batch, items written by the calling thread.
        bool firstPort = curator.Path == CurationPath.Baseline;
        long curateTicks = 0, waitTicks = 0;
        // The curator's own time serves the one-thread run's read + parse (below), so only that run takes it: one
        // sum updated by several threads would bounce its cache line between the cores on every row.
        Func<RawProduct, CurationOutcome> curate = threads > 1 ? product => curator.Curate(product) : product =>
        {
            long start = Stopwatch.GetTimestamp();
            var outcome = curator.Curate(product);
            curateTicks += Stopwatch.GetTimestamp() - start;
            return outcome;
        };
        var pipeline = new CurationPipeline(curate, threads)
        {
            Clock = clock,
            ParseRow = MetadataRow.For(curator.Path),
            PooledBatches = !firstPort,
        };
        var statistics = curator.PieceCache;
        statistics?.ResetStatistics();

        var summary = new CurationSummary();
        // Every run starts from a collected heap, so none pays for the garbage or the young tokenizer of another.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var pausedBefore = GC.GetTotalPauseDuration();
        int fullBefore = GC.CollectionCount(2);
        var timing = ProcessClock.Start();
        if (firstPort)
            ItemStore.Save(Waited(pipeline.Curate([MetadataFile.Open(input)], summary, cancellationToken: cancellationToken), ticks => waitTicks += ticks), output);
        else
            pipeline.Save([MetadataFile.Open(input)], output, summary, cancellationToken: cancellationToken);
        var (wall, cpu) = (timing.Wall, timing.Cpu);

        // With one thread every stage runs on it, so read + parse is what the curator and the writing leave of the
        // wall; with more, the stages overlap and it is not shown.
        var curated = Stopwatch.GetElapsedTime(0, curateTicks);
        // The first port's writing is what its wait for items leaves of the wall.
        var written = firstPort ? wall - Stopwatch.GetElapsedTime(0, waitTicks) : clock[CurationStage.Write];
        var stages = new List<(string, TimeSpan)>
        {
            ("read + parse", threads == 1 ? wall - curated - written : TimeSpan.Zero),
            ("scrub", clock[CurationStage.Scrub]),
            ("tokenize + cut", clock[CurationStage.TokenizeAndCut]),
            ("decode", clock[CurationStage.Decode]),
            ("prompt count", clock[CurationStage.PromptCount]),
            ("write", written),
        };
        return new CurationRun(path, threads, summary.Read, summary.Kept, wall, cpu, stages, DataFiles.Sha256Of(output),
            statistics is { Lookups: > 0 } s ? (double)s.Hits / s.Lookups : null, GC.GetTotalPauseDuration() - pausedBefore,
            GC.CollectionCount(2) - fullBefore);
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
