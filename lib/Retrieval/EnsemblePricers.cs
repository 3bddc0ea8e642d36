using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>Registers <c>ensemble</c>: members as pricer specs or trained model folders, fitted on items that are neither training nor test items.</summary>
public static class EnsemblePricers
{
    private static readonly PricerOption Members = PricerOption.Text("members",
        "SPEC_OR_DIR,…: pricer specs with their options (\"rag:gpt-4o-mini --vectors DIR\") or folders saved by `pricer train`");
    private static readonly PricerOption Weights = PricerOption.Choice("weights",
        "least-squares (2024: fitted on the fit items, with min and max, floored at 0) or course-2025 (0.8 RAG + 0.1 specialist + 0.1 network; fits nothing)",
        "least-squares", "least-squares", "course-2025");

    /// <summary>Adds <c>ensemble</c> to <paramref name="registry"/>, whose kinds make its members.</summary>
    public static PricerRegistry AddEnsemble(this PricerRegistry registry) => registry
        .Register(new("ensemble", "ensemble", "the course's week-8 ensemble of pricers: least squares on their guesses with min and max (train it on fit items: pricer train --fit FILE)")
        {
            Options = [Members, Weights],
            Trainer = request => new Trainer(registry, request),
            Load = (request, folder, ct) => LoadAsync(registry, request, folder, ct),
        });

    /// <summary>
    /// Trains <paramref name="spec"/> on <paramref name="train"/> and saves it in <paramref name="folder"/>, as
    /// <c>pricer train</c> does, so that it can be an ensemble member (notebooks cannot run the CLI).
    /// </summary>
    /// <returns>The folder's absolute path.</returns>
    public static async Task<string> TrainMemberAsync(PricerRegistry registry, string spec, IReadOnlyList<Item> train, string folder,
        IReadOnlyDictionary<string, string?>? options = null, int seed = 42, CancellationToken cancellationToken = default)
    {
        var recipe = registry.Resolve(spec, options, seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var pricer = await recipe.TrainAsync(train, cancellationToken).ConfigureAwait(false);
        var manifest = new TrainedModelManifest(recipe.Request.Kind, spec, seed, recipe.Request.Options.Given, TrainingData.Of(train),
            clock.Elapsed.TotalSeconds, DateTimeOffset.UtcNow, Evaluation.RunRecord.CurrentToolVersion);
        return await TrainedModel.SaveAsync(pricer, folder, manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the members' pricers (disposing those made so far when one cannot be made).</summary>
    public static async Task<List<(EnsembleMember Member, IPricer Pricer, string CacheKey)>> CreateMembersAsync(PricerRegistry registry,
        IReadOnlyList<EnsembleMember> members, int seed, CancellationToken cancellationToken = default)
    {
        var made = new List<(EnsembleMember, IPricer, string)>();
        try
        {
            foreach (var member in members)
                made.Add((member, await member.CreateAsync(registry, seed, cancellationToken).ConfigureAwait(false), member.CacheKey(seed)));
            return made;
        }
        catch
        {
            foreach (var (_, pricer, _) in made) await pricer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Fits an ensemble of <paramref name="members"/> on <paramref name="fit"/> (fixed weights fit nothing); a fit item a
    /// member failed on is left out of the fit and counted.
    /// </summary>
    public static async Task<EnsemblePricer> TrainAsync(IReadOnlyList<(EnsembleMember Member, IPricer Pricer, string CacheKey)> members, EnsembleWeights weights,
        IReadOnlyList<Item> fit, EnsembleGuesses guesses, CancellationToken cancellationToken = default)
    {
        var labels = members.Select(m => m.Member.Label).ToList();
        if (weights == EnsembleWeights.Course2025) return new EnsemblePricer(members, EnsembleCombiner.Course2025(labels), guesses);
        var table = await guesses.GuessAsync(members, fit, cancellationToken).ConfigureAwait(false);
        var complete = Enumerable.Range(0, fit.Count).Where(i => table.Row(i) is not null).ToList();
        var skipped = Enumerable.Range(0, fit.Count).Where(i => table.Row(i) is null).Select(i => $"fit item {i}: {table.Problem(i)}").ToList();
        var combiner = EnsembleCombiner.Fit(labels, complete.Select(i => table.Row(i)!).ToList(), complete.Select(i => fit[i].Price).ToList());
        return new EnsemblePricer(members, combiner, guesses, new EnsembleFit(fit.Count, complete.Count, skipped));
    }

    private static EnsembleGuesses Guesses(PricerRequest request) =>
        new(Path.Combine(request.Settings.Cache, EnsembleGuesses.CacheFolderName), Console.Error);

    private static EnsembleWeights WeightsOf(PricerRequest request) =>
        request.Options.Choice(Weights.Name) == "course-2025" ? EnsembleWeights.Course2025 : EnsembleWeights.LeastSquares;

    private static async ValueTask<IPricer> LoadAsync(PricerRegistry registry, PricerRequest request, ModelFolder folder, CancellationToken cancellationToken)
    {
        var saved = folder.ReadJson<EnsembleFile>(EnsemblePricer.FileName);
        if (saved.Members is not { Count: > 0 } || saved.Combiner?.Coefficients is null || saved.Combiner.Features.Count != saved.Combiner.Coefficients.Count)
            throw new TrainedModelException($"{folder.Path} holds an unreadable ensemble ({EnsemblePricer.FileName} lacks its members or weights).");
        var members = await CreateMembersAsync(registry, saved.Members, request.Seed, cancellationToken).ConfigureAwait(false);
        return new EnsemblePricer(members, saved.Combiner, Guesses(request), saved.Fit);
    }

    private sealed class Trainer(PricerRegistry registry, PricerRequest request) : IPricerTrainer
    {
        public async Task<IPricer> TrainAsync(IReadOnlyList<Item> train, CancellationToken cancellationToken = default)
        {
            var members = await CreateMembersAsync(registry, EnsembleMember.ParseList(request.Options.Text(Members.Name)), request.Seed, cancellationToken).ConfigureAwait(false);
            try
            {
                return await EnsemblePricers.TrainAsync(members, WeightsOf(request), train, Guesses(request), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                foreach (var (_, pricer, _) in members) await pricer.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }
}
