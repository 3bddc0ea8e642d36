using System.Diagnostics;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Evaluation;

/// <summary>What to evaluate and how: one named run of one pricer.</summary>
/// <param name="PricerSpec">The registry name the pricer was made from, e.g. <c>random</c> or <c>frontier:gpt-4o-mini</c>.</param>
/// <param name="Name">The run's name in the results store (same name, same file: a re-run replaces it). Default: the spec.</param>
/// <param name="Title">Chart and report title. Default: the pricer's name in words.</param>
/// <param name="Size">Test the first <c>Size</c> items (the course: 250).</param>
/// <param name="Seed">Seed of the bootstrap, recorded with the run (the pricer gets its own seed when it is made).</param>
/// <param name="Workers">Items priced at once. Default: what the pricer recommends.</param>
/// <param name="TestFile">Where the test items came from, recorded with the run.</param>
/// <param name="TrainFile">Where the training items came from, recorded with the run.</param>
public sealed record EvaluationRequest(
    string PricerSpec,
    string? Name = null,
    string? Title = null,
    int Size = Tester.DefaultSize,
    int Seed = 42,
    int? Workers = null,
    string? TestFile = null,
    string? TrainFile = null);

/// <summary>
/// One evaluation, the same for the CLI, the demo and the notebooks: train where the pricer trains, run the Tester,
/// bootstrap the intervals and build the run record for the results store.
/// </summary>
public static class PricerEvaluation
{
    /// <summary>Runs the evaluation and returns the stored-to-be record; the caller decides where to save it.</summary>
    /// <exception cref="ArgumentException">The pricer trains but <paramref name="train"/> is null or empty, or there is nothing to test.</exception>
    public static async Task<RunRecord> RunAsync(IPricer pricer, EvaluationRequest request, IReadOnlyList<Item>? train,
        IReadOnlyList<Item> test, ITestReporter? reporter = null, IProgress<TestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (test.Count == 0) throw new ArgumentException("There are no test items to evaluate on.", nameof(test));

        double? trainSeconds = null;
        if (pricer is ITrainablePricer trainable)
        {
            if (train is not { Count: > 0 })
                throw new ArgumentException($"Pricer '{request.PricerSpec}' trains on items: give it training items.", nameof(train));
            var clock = Stopwatch.StartNew();
            await trainable.TrainAsync(train, cancellationToken);
            trainSeconds = clock.Elapsed.TotalSeconds;
        }

        int workers = request.Workers ?? pricer.RecommendedConcurrency;
        var options = new TesterOptions { Title = request.Title, Size = request.Size, Workers = workers, Reporter = reporter, Progress = progress };
        var report = await Tester.RunAsync(pricer, test, options, cancellationToken);

        var settings = new RunSettings(Math.Min(request.Size, test.Count), request.Seed, workers,
            request.TestFile, request.TrainFile, pricer is ITrainablePricer ? train!.Count : null);
        return RunRecord.From(report, request.Name ?? request.PricerSpec, request.PricerSpec, pricer.Details, settings,
            report.Bootstrap(seed: request.Seed), trainSeconds);
    }
}
