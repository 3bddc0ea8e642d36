namespace PricerLib.Pricers;

/// <summary>
/// What a factory gets to build a pricer from a spec such as <c>random</c>, <c>frontier:gpt-4o-mini</c> or
/// <c>llama:models/pricer.gguf</c>.
/// </summary>
/// <param name="Spec">The whole spec as given.</param>
/// <param name="Kind">The part before the first colon.</param>
/// <param name="Argument">Everything after the first colon (a model id, a path); null when there is no colon.</param>
/// <param name="Seed">The run's seed, for pricers with randomness.</param>
public sealed record PricerRequest(string Spec, string Kind, string? Argument, int Seed);

/// <summary>One kind of pricer the registry knows.</summary>
/// <param name="Kind">The name before the colon.</param>
/// <param name="Usage">How to write its spec, shown in errors and help, e.g. <c>frontier:MODEL</c>.</param>
/// <param name="Description">One line for humans.</param>
/// <param name="Create">Builds the pricer; throws <see cref="PricerUnavailableException"/> when it cannot be built here.</param>
public sealed record PricerRegistration(string Kind, string Usage, string Description, Func<PricerRequest, IPricer> Create)
{
    /// <summary>True when the spec must carry an argument after a colon (derived from <see cref="Usage"/>).</summary>
    public bool TakesArgument => Usage.Contains(':');

    /// <summary>A kind announced but not built into this version: resolving it explains that instead of "unknown pricer".</summary>
    public static PricerRegistration Planned(string kind, string usage, string description) =>
        new(kind, usage, description, request => throw new PricerUnavailableException(
            $"Pricer '{request.Spec}': {description} — not available yet in this version of the workbook."));
}

/// <summary>A pricer spec that cannot be turned into a pricer: unknown, malformed, or not available in this version.</summary>
public sealed class PricerUnavailableException(string message) : Exception(message);

/// <summary>
/// Resolves pricer specs to pricers. Adding a pricer kind is one <see cref="Register"/> call (replacing a
/// <see cref="PricerRegistration.Planned"/> entry of the same kind); <c>pricer evaluate</c> never changes.
/// </summary>
public sealed class PricerRegistry
{
    private readonly Dictionary<string, PricerRegistration> registrations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The workbook's pricers: the course's baselines, and the kinds still to come.</summary>
    public static PricerRegistry CreateDefault() => new PricerRegistry()
        .Register(new("random", "random", "uniform integer price in [1, 1000), seeded (the course's first baseline)",
            request => new RandomPricer(request.Seed)))
        .Register(new("constant", "constant", "the mean training price (needs --train)", _ => new ConstantPricer()))
        .Register(PricerRegistration.Planned("frontier", "frontier:MODEL", "a frontier chat model over HTTP"))
        .Register(PricerRegistration.Planned("llama", "llama:PATH", "a local GGUF model with a LoRA adapter"));

    /// <summary>Every registered kind, in name order.</summary>
    public IReadOnlyList<PricerRegistration> Registrations => registrations.Values.OrderBy(r => r.Kind, StringComparer.Ordinal).ToList();

    /// <summary>Adds a kind, replacing any registration of the same name.</summary>
    public PricerRegistry Register(PricerRegistration registration)
    {
        registrations[registration.Kind] = registration;
        return this;
    }

    /// <summary>
    /// Builds the pricer a spec names. <c>KIND:ARG</c> splits at the first colon only, so
    /// <c>frontier:openai/gpt-4o:latest</c> asks kind <c>frontier</c> for model <c>openai/gpt-4o:latest</c>.
    /// </summary>
    public IPricer Resolve(string spec, int seed = 42)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new PricerUnavailableException($"No pricer named. Known: {Known()}.");
        int colon = spec.IndexOf(':');
        string kind = colon < 0 ? spec.Trim() : spec[..colon].Trim();
        string? argument = colon < 0 ? null : spec[(colon + 1)..];
        if (!registrations.TryGetValue(kind, out var registration))
            throw new PricerUnavailableException($"Unknown pricer '{spec}'. Known: {Known()}.");
        if (registration.TakesArgument && string.IsNullOrWhiteSpace(argument))
            throw new PricerUnavailableException($"Pricer '{spec}' needs an argument: write it as {registration.Usage}.");
        if (!registration.TakesArgument && argument is not null)
            throw new PricerUnavailableException($"Pricer '{kind}' takes no argument: write it as {registration.Usage}.");
        return registration.Create(new PricerRequest(spec, kind, argument, seed));
    }

    private string Known() => string.Join(", ", Registrations.Select(r => r.Usage));
}
