using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>How the weights of a saved ensemble were fitted.</summary>
/// <param name="Items">Fit items given.</param>
/// <param name="Used">Fit items every member priced (the rows of the fit).</param>
/// <param name="Skipped">Fit items left out, with why (a member failed on them).</param>
public sealed record EnsembleFit(int Items, int Used, IReadOnlyList<string> Skipped);

/// <summary>An ensemble as saved in its model folder's <c>ensemble.json</c>: members, weights and how they were fitted.</summary>
/// <param name="Members">The members, in feature order.</param>
/// <param name="Combiner">The weights.</param>
/// <param name="Fit">How they were fitted; null for fixed weights.</param>
public sealed record EnsembleFile(IReadOnlyList<EnsembleMember> Members, EnsembleCombiner Combiner, EnsembleFit? Fit);

/// <summary>
/// <c>ensemble</c>, the course's week-8 ensemble: each member prices the items (guesses cached per member), and the
/// <see cref="EnsembleCombiner"/> turns each item's row of guesses into one price. A member that fails on an item fails
/// that item with the member's reason: no price is made from a partial row.
/// </summary>
public sealed class EnsemblePricer : IBatchPricer, ISaveablePricer
{
    /// <summary>The file the ensemble is saved in, inside its model folder.</summary>
    public const string FileName = "ensemble.json";

    private readonly IReadOnlyList<(EnsembleMember Member, IPricer Pricer, string CacheKey)> _members;
    private readonly EnsembleGuesses _guesses;

    /// <summary>An ensemble of ready member pricers (which it disposes).</summary>
    public EnsemblePricer(IReadOnlyList<(EnsembleMember Member, IPricer Pricer, string CacheKey)> members, EnsembleCombiner combiner, EnsembleGuesses guesses, EnsembleFit? fit = null)
    {
        (_members, Combiner, _guesses, Fit) = (members, combiner, guesses, fit);
    }

    /// <summary>The weights.</summary>
    public EnsembleCombiner Combiner { get; }

    /// <summary>How the weights were fitted; null for fixed weights.</summary>
    public EnsembleFit? Fit { get; }

    /// <inheritdoc/>
    public string Name => "ensemble";

    /// <inheritdoc/>
    public PricerDetails Details => new("ensemble", null, new Dictionary<string, string>
    {
        ["weights"] = Combiner.Method,
        ["members"] = string.Join(", ", _members.Select(m => m.Member.Label)),
        ["coefficients"] = string.Join(", ", Combiner.Features.Select((f, i) => $"{f}={Combiner.Coefficients[i].ToString("R", CultureInfo.InvariantCulture)}")),
        ["intercept"] = Combiner.Intercept.ToString("R", CultureInfo.InvariantCulture),
    });

    /// <summary>Members run one after another, each at its own recommended concurrency.</summary>
    public int RecommendedConcurrency => 1;

    /// <summary>Every member's guesses on <paramref name="items"/> (cached ones are not asked again).</summary>
    public Task<MemberGuesses> GuessesAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default) =>
        _guesses.GuessAsync(_members, items, cancellationToken);

    /// <inheritdoc/>
    public async Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
    {
        var guesses = await GuessesAsync([item], cancellationToken).ConfigureAwait(false);
        return guesses.Row(0) is { } row ? Guess(row) : throw new PricerException(guesses.Problem(0)!);
    }

    /// <summary>Asks every member about every item, then combines each item's row (or fails it with the failed members' reasons).</summary>
    public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var guesses = await GuessesAsync(items, cancellationToken).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds / Math.Max(1, items.Count);
        for (int i = 0; i < items.Count; i++)
            yield return guesses.Row(i) is { } row ? PricedItem.Priced(i, Guess(row), seconds) : PricedItem.Failed(i, guesses.Problem(i)!, seconds);
    }

    private PriceGuess Guess(double[] row) =>
        new(Combiner.Combine(row), string.Join(", ", row.Select((g, m) => $"{_members[m].Member.Label}: {g.ToString("0.##", CultureInfo.InvariantCulture)}")));

    /// <inheritdoc/>
    public Task SaveAsync(ModelFolder folder, CancellationToken cancellationToken = default)
    {
        folder.WriteJson(FileName, new EnsembleFile(_members.Select(m => m.Member).ToList(), Combiner, Fit));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, pricer, _) in _members) await pricer.DisposeAsync().ConfigureAwait(false);
    }
}
