using PricerLib.Classical;
using PricerLib.Data;

namespace PricerLib.Pricers;

/// <summary>
/// The course's first baseline: <c>random.seed(42)</c> once, then <c>random.randrange(1, 1000)</c> per item — a
/// uniform integer in [1, 1000), drawn bit for bit as CPython draws it (<see cref="PythonRandom"/>), so seed 42 gives
/// the course's guesses in the course's order (655, 115, 26, …). Draws follow call order, hence <see cref="RecommendedConcurrency"/> 1: with one worker a seed always gives
/// the same guess for the same item position.
/// </summary>
public sealed class RandomPricer(int seed = 42) : IPricer
{
    private readonly PythonRandom random = new(seed);
    private readonly Lock gate = new();

    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public PricerDetails Details { get; } = new("random", null, new Dictionary<string, string> { ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <inheritdoc/>
    public int RecommendedConcurrency => 1;

    /// <inheritdoc/>
    public Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
    {
        lock (gate) return Task.FromResult(new PriceGuess(random.RandRange(1, 1000)));
    }
}
