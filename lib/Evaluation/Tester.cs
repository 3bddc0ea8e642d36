using System.Diagnostics;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Pricers;

namespace PricerLib.Evaluation;

/// <summary>How far a run has got; reported after every item, in completion order.</summary>
public sealed record TestProgress(int Done, int Failed, int Total);

/// <summary>Settings of one Tester run.</summary>
public sealed record TesterOptions
{
    /// <summary>The run's title; default: the pricer's name in words (<see cref="CourseFormat.TitleFromName"/>).</summary>
    public string? Title { get; init; }

    /// <summary>How many of the items to test: the first <c>Size</c>, in order (the course's 250). Fewer items → all of them.</summary>
    public int Size { get; init; } = Tester.DefaultSize;

    /// <summary>Items priced at once; default: the pricer's <see cref="IPricer.RecommendedConcurrency"/>.</summary>
    public int? Workers { get; init; }

    /// <summary>Receives every scored item in item order, then the report.</summary>
    public ITestReporter? Reporter { get; init; }

    /// <summary>Receives a count after every item (for a progress bar on slow pricers).</summary>
    public IProgress<TestProgress>? Progress { get; init; }

    /// <summary>The course edition whose printout and charts the report uses (the size is set separately).</summary>
    public CourseEdition Edition { get; init; } = CourseEditions.Default;
}

/// <summary>
/// The course's Tester (2024): prices the first <c>size</c> test items, scores each guess, and summarises.
/// Unlike the course it prices several items at once for slow pricers (results keep item order), hands them all to a
/// <see cref="IBatchPricer"/> where the pricer is one, and an item whose pricer throws is recorded as failed and left
/// out of the metrics instead of ending the run. The caller owns the pricer (and disposes it).
/// </summary>
public static class Tester
{
    /// <summary>The 2024 course's test size (2025's is 200: <see cref="EditionFormat.TestSize"/>).</summary>
    public const int DefaultSize = 250;

    /// <summary>Tests <paramref name="pricer"/> on the first <see cref="TesterOptions.Size"/> of <paramref name="items"/>.</summary>
    public static async Task<TestReport> RunAsync(IPricer pricer, IReadOnlyList<Item> items, TesterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TesterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, 1, nameof(options.Size));
        int workers = options.Workers ?? pricer.RecommendedConcurrency;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(options.Workers));
        if (items.Count == 0) throw new ArgumentException("There are no test items.", nameof(items));

        int total = Math.Min(options.Size, items.Count);
        var results = new ItemResult?[total];
        var emitter = new InOrderEmitter(results, options.Reporter, options.Progress, total);
        var wall = Stopwatch.StartNew();

        if (pricer is IBatchPricer batch)
            await PriceBatchAsync(batch, items, total, workers, emitter, cancellationToken).ConfigureAwait(false);
        else
            await Parallel.ForEachAsync(Enumerable.Range(0, total),
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                async (index, ct) => emitter.Complete(index, await PriceOneAsync(pricer, items[index], index, ct).ConfigureAwait(false)))
                .ConfigureAwait(false);

        var scored = results.Select(r => r!).ToList();
        var report = new TestReport(options.Title ?? CourseFormat.TitleFromName(pricer.Name), scored, Metrics.Compute(scored), wall.Elapsed)
        {
            Edition = options.Edition,
        };
        options.Reporter?.Finished(report);
        return report;
    }

    private static async Task<ItemResult> PriceOneAsync(IPricer pricer, Item item, int index, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var guess = await pricer.PriceAsync(item, cancellationToken).ConfigureAwait(false);
            return Scoring.Score(index, item.Title, item.Price, guess.Price, guess.Reply, clock.Elapsed.TotalSeconds, guess.CostUsd);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return Scoring.Failed(index, item.Title, item.Price, $"{e.GetType().Name}: {e.Message}", seconds: clock.Elapsed.TotalSeconds);
        }
    }

    // A batch pricer streams results in any order; an item it never yields, or one left when the whole batch fails,
    // is recorded as failed like a per-item exception, so a run always has every item.
    private static async Task PriceBatchAsync(IBatchPricer pricer, IReadOnlyList<Item> items, int total, int workers,
        InOrderEmitter emitter, CancellationToken cancellationToken)
    {
        var subset = items.Count == total ? items : items.Take(total).ToList();
        string? batchError = null;
        try
        {
            await foreach (var priced in pricer.PriceManyAsync(subset, workers, cancellationToken).ConfigureAwait(false))
            {
                if (priced.Index < 0 || priced.Index >= total || emitter.IsDone(priced.Index))
                    throw new InvalidOperationException($"Pricer '{pricer.Name}' returned item {priced.Index}, which it was not given or already returned.");
                var item = subset[priced.Index];
                emitter.Complete(priced.Index, priced.Guess is { } guess
                    ? Scoring.Score(priced.Index, item.Title, item.Price, guess.Price, guess.Reply, priced.Seconds, guess.CostUsd)
                    : Scoring.Failed(priced.Index, item.Title, item.Price, priced.Error ?? "no guess", seconds: priced.Seconds));
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            batchError = $"{e.GetType().Name}: {e.Message}";
        }
        for (int index = 0; index < total; index++)
            if (!emitter.IsDone(index))
                emitter.Complete(index, Scoring.Failed(index, subset[index].Title, subset[index].Price, batchError ?? $"Pricer '{pricer.Name}' returned no result for this item."));
    }

    /// <summary>Items finish in any order with several workers; the reporter still sees them in item order.</summary>
    private sealed class InOrderEmitter(ItemResult?[] results, ITestReporter? reporter, IProgress<TestProgress>? progress, int total)
    {
        private readonly Lock gate = new();
        private int next, done, failed;

        public bool IsDone(int index)
        {
            lock (gate) return results[index] is not null;
        }

        public void Complete(int index, ItemResult result)
        {
            lock (gate)
            {
                results[index] = result;
                done++;
                if (result.Failed) failed++;
                progress?.Report(new TestProgress(done, failed, total));
                for (; next < results.Length && results[next] is { } ready; next++) reporter?.ItemScored(ready, total);
            }
        }
    }
}
