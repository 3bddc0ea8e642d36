using System.Diagnostics;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Pricers;

namespace PricerLib.Evaluation;

/// <summary>What to evaluate and how: one named run of one pricer.</summary>
/// <param name="PricerSpec">The registry name the pricer is made from, e.g. <c>random</c> or <c>frontier:gpt-4o-mini</c>; with <see cref="TrainedModel"/>, null takes the model's.</param>
/// <param name="Name">The run's name in the results store (same name, same file: a re-run replaces it). Default: the spec and the options that change the guesses.</param>
/// <param name="Title">Chart and report title. Default: the pricer's name in words.</param>
/// <param name="Size">Test the first <c>Size</c> items (the 2024 course: 250; give <see cref="EditionFormat.TestSize"/> for another edition's).</param>
/// <param name="Seed">Seed of the pricer's randomness and the bootstrap, recorded with the run.</param>
/// <param name="Workers">Items priced at once (a batch pricer's limit of items in flight). Default: what the pricer recommends.</param>
/// <param name="TestFile">Where the test items came from, recorded with the run.</param>
/// <param name="TrainFile">Where the training items came from, recorded with the run.</param>
public sealed record EvaluationRequest(
    string? PricerSpec,
    string? Name = null,
    string? Title = null,
    int Size = Tester.DefaultSize,
    int Seed = 42,
    int? Workers = null,
    string? TestFile = null,
    string? TrainFile = null)
{
    /// <summary>The kind's options (flag name without dashes → value; null for a bare flag).</summary>
    public IReadOnlyDictionary<string, string?>? Options { get; init; }

    /// <summary>A model folder saved by <c>pricer train</c>: evaluate it instead of training anew.</summary>
    public string? TrainedModel { get; init; }

    /// <summary>The course edition the run follows: its Tester's printout and charts, and the edition the run records.</summary>
    public CourseEdition Edition { get; init; } = CourseEditions.Default;
}

/// <summary>How the pricer of a run came to be trained: in this run, or loaded from a saved model.</summary>
/// <param name="Data">What it was trained on.</param>
/// <param name="Seconds">Training time in this run; null when it was loaded.</param>
/// <param name="ModelFolder">The saved model it was loaded from; null when trained in this run.</param>
public sealed record TrainingRun(TrainingData Data, double? Seconds, string? ModelFolder);

/// <summary>A pricer ready to test, with how it was trained (null for kinds that do not train). Dispose the pricer.</summary>
/// <param name="Pricer">The pricer; the caller owns it.</param>
/// <param name="Spec">The spec it was made from.</param>
/// <param name="Options">The kind's options as given.</param>
/// <param name="Training">How it was trained.</param>
public sealed record PreparedPricer(IPricer Pricer, string Spec, IReadOnlyDictionary<string, string> Options, TrainingRun? Training)
{
    /// <summary>The run's name when none is given: the spec and the options that change the guesses; default: the spec.</summary>
    public string? RunName { get; init; }
}

/// <summary>
/// One evaluation, the same for the CLI, the demo and the notebooks: make the pricer (create, train, or load a saved
/// model), run the Tester, bootstrap the intervals and build the run record for the results store.
/// </summary>
public static class PricerEvaluation
{
    /// <summary>Makes, tests and disposes the pricer; returns the stored-to-be record (the caller decides where to save it).</summary>
    /// <exception cref="ArgumentException">Nothing to test, or a training kind without training items.</exception>
    /// <exception cref="PricerException">The pricer cannot be made (unknown kind, bad option, unreadable model, …).</exception>
    public static async Task<RunRecord> RunAsync(PricerRegistry registry, EvaluationRequest request, IReadOnlyList<Item>? train,
        IReadOnlyList<Item> test, ITestReporter? reporter = null, IProgress<TestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (test.Count == 0) throw new ArgumentException("There are no test items to evaluate on.", nameof(test));
        var prepared = await PrepareAsync(registry, request, train, cancellationToken).ConfigureAwait(false);
        await using (prepared.Pricer.ConfigureAwait(false))
            return await RunAsync(prepared, request, test, reporter, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the pricer a request names: loads its saved model, trains it on <paramref name="train"/>, or creates it.</summary>
    /// <exception cref="ArgumentException">A training kind without training items.</exception>
    /// <exception cref="PricerException">The pricer cannot be made.</exception>
    public static async Task<PreparedPricer> PrepareAsync(PricerRegistry registry, EvaluationRequest request, IReadOnlyList<Item>? train,
        CancellationToken cancellationToken = default)
    {
        if (request.TrainedModel is { } folder)
        {
            var loaded = await registry.LoadAsync(folder, cancellationToken).ConfigureAwait(false);
            if (request.PricerSpec is { } spec && !string.Equals(spec, loaded.Manifest.Spec, StringComparison.OrdinalIgnoreCase))
            {
                await loaded.Pricer.DisposeAsync().ConfigureAwait(false);
                throw new TrainedModelException($"{loaded.Folder} holds a '{loaded.Manifest.Spec}' model, not '{spec}'.");
            }
            return new PreparedPricer(loaded.Pricer, loaded.Manifest.Spec, loaded.Manifest.Options,
                new TrainingRun(loaded.Manifest.TrainedOn, null, loaded.Folder)) { RunName = loaded.RunName };
        }

        var recipe = registry.Resolve(request.PricerSpec ?? throw new ArgumentException("Name a pricer, or give a trained model.", nameof(request)),
            request.Options, request.Seed);
        var options = recipe.Request.Options.Given;
        var runName = recipe.Request.Options.RunName(recipe.Request.Spec);
        if (!recipe.Trains)
            return new PreparedPricer(await recipe.CreateAsync(cancellationToken).ConfigureAwait(false), recipe.Request.Spec, options, null) { RunName = runName };

        if (train is not { Count: > 0 })
            throw new ArgumentException($"Pricer '{recipe.Request.Spec}' trains on items: give it training items.", nameof(train));
        var clock = Stopwatch.StartNew();
        var pricer = await recipe.TrainAsync(train, cancellationToken).ConfigureAwait(false);
        return new PreparedPricer(pricer, recipe.Request.Spec, options,
            new TrainingRun(TrainingData.Of(train, request.TrainFile), clock.Elapsed.TotalSeconds, null)) { RunName = runName };
    }

    /// <summary>Tests a prepared pricer (which the caller still owns) and builds the run record.</summary>
    public static async Task<RunRecord> RunAsync(PreparedPricer prepared, EvaluationRequest request, IReadOnlyList<Item> test,
        ITestReporter? reporter = null, IProgress<TestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (test.Count == 0) throw new ArgumentException("There are no test items to evaluate on.", nameof(test));
        var pricer = prepared.Pricer;
        int workers = request.Workers ?? pricer.RecommendedConcurrency;
        var options = new TesterOptions { Title = request.Title, Size = request.Size, Workers = workers, Reporter = reporter, Progress = progress,
            Edition = request.Edition };
        var report = await Tester.RunAsync(pricer, test, options, cancellationToken).ConfigureAwait(false);

        var training = prepared.Training;
        var settings = new RunSettings(Math.Min(request.Size, test.Count), request.Seed, workers, request.TestFile,
            training?.Data.File, training?.Data.Items)
        {
            Options = prepared.Options.Count == 0 ? null : prepared.Options,
            TrainSha256 = training?.Data.Sha256,
            TrainedModel = training?.ModelFolder,
        };
        return RunRecord.From(report, request.Name ?? prepared.RunName ?? prepared.Spec, prepared.Spec, pricer.Details, settings,
            report.Bootstrap(seed: request.Seed), training?.Seconds);
    }
}
