using PricerLib.Data;

namespace PricerLib.Pricers;

/// <summary>
/// What a kind gets to build a pricer from a spec such as <c>random</c>, <c>frontier:gpt-4o-mini</c> or
/// <c>llama:models/pricer.gguf</c>.
/// </summary>
/// <param name="Spec">The whole spec as given.</param>
/// <param name="Kind">The part before the first colon.</param>
/// <param name="Argument">Everything after the first colon (a model id, a path); null when there is no colon.</param>
/// <param name="Seed">The run's seed, for pricers with randomness.</param>
/// <param name="Options">The kind's options, checked against its declarations.</param>
/// <param name="Settings">Where caches, downloads and outputs go.</param>
public sealed record PricerRequest(string Spec, string Kind, string? Argument, int Seed, PricerOptionValues Options, WorkbookSettings Settings);

/// <summary>
/// One kind of pricer the registry knows: its options, and how it is made — <see cref="Create"/> for kinds that
/// price as they are, <see cref="Trainer"/> for kinds that learn from training items first (and <see cref="Load"/>
/// where their trained pricers can be saved).
/// </summary>
/// <param name="Kind">The name before the colon.</param>
/// <param name="Usage">How to write its spec, shown in errors and help, e.g. <c>frontier:MODEL</c>.</param>
/// <param name="Description">One line for humans.</param>
public sealed record PricerRegistration(string Kind, string Usage, string Description)
{
    /// <summary>The options this kind takes.</summary>
    public IReadOnlyList<PricerOption> Options { get; init; } = [];

    /// <summary>Builds a ready pricer (kinds that do not train); may load a model or check an endpoint.</summary>
    public Func<PricerRequest, CancellationToken, ValueTask<IPricer>>? Create { get; init; }

    /// <summary>Builds the trainer (kinds that train).</summary>
    public Func<PricerRequest, IPricerTrainer>? Trainer { get; init; }

    /// <summary>Loads a trained pricer saved in a model folder (kinds whose trained pricers are <see cref="ISaveablePricer"/>).</summary>
    public Func<PricerRequest, ModelFolder, CancellationToken, ValueTask<IPricer>>? Load { get; init; }

    /// <summary>True when the spec must carry an argument after a colon (derived from <see cref="Usage"/>).</summary>
    public bool TakesArgument => Usage.Contains(':');

    /// <summary>True for kinds that learn from training items.</summary>
    public bool Trains => Trainer is not null;

    /// <summary>Set for a kind that cannot be made in this version: why, as resolving it reports.</summary>
    public string? Unavailable { get; init; }

    /// <summary>A kind announced but not built into this version: resolving it explains that instead of "unknown pricer".</summary>
    public static PricerRegistration Planned(string kind, string usage, string description) => new(kind, usage, description)
    {
        Unavailable = $"{description} — not available yet in this version of the workbook.",
    };
}

/// <summary>A pricer spec that cannot be turned into a pricer: unknown, malformed, or not available in this version.</summary>
public sealed class PricerUnavailableException(string message, bool mayRetry = false, Exception? inner = null)
    : PricerException(message, mayRetry, inner);

/// <summary>
/// A resolved spec: which kind, with which checked options, ready to be created or trained. Creation is asynchronous
/// and cancellable (loading a model, checking an endpoint); whoever creates the pricer disposes it.
/// </summary>
public sealed class PricerRecipe(PricerRegistration registration, PricerRequest request)
{
    /// <summary>The kind.</summary>
    public PricerRegistration Registration { get; } = registration;

    /// <summary>The request the kind gets.</summary>
    public PricerRequest Request { get; } = request;

    /// <summary>True when the pricer must be trained (<see cref="TrainAsync"/>) rather than created.</summary>
    public bool Trains => Registration.Trains;

    /// <summary>Builds the pricer of a kind that does not train.</summary>
    /// <exception cref="PricerUnavailableException">The kind trains, or cannot be built here.</exception>
    public ValueTask<IPricer> CreateAsync(CancellationToken cancellationToken = default) =>
        Registration.Create is { } create
            ? create(Request, cancellationToken)
            : throw new PricerUnavailableException($"Pricer '{Request.Spec}' trains on items: give it training items (--train FILE) or a trained model (--trained DIR).");

    /// <summary>Trains a pricer of a kind that trains.</summary>
    /// <exception cref="PricerUnavailableException">The kind does not train.</exception>
    /// <exception cref="ArgumentException">There are no training items.</exception>
    public Task<IPricer> TrainAsync(IReadOnlyList<Item> train, CancellationToken cancellationToken = default)
    {
        var trainer = Registration.Trainer?.Invoke(Request)
            ?? throw new PricerUnavailableException($"Pricer '{Request.Kind}' does not train.");
        if (train.Count == 0) throw new ArgumentException($"Pricer '{Request.Spec}' trains on items: give it at least one training item.", nameof(train));
        return trainer.TrainAsync(train, cancellationToken);
    }
}

/// <summary>
/// Resolves pricer specs to pricers. Families register their kinds with one call each (composed in
/// <see cref="WorkbookPricers"/>); <c>pricer evaluate</c> never changes.
/// </summary>
/// <param name="settings">Where the pricers it makes keep caches and downloads; default: this process's settings.</param>
public sealed class PricerRegistry(WorkbookSettings? settings = null)
{
    private readonly Dictionary<string, PricerRegistration> registrations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings every request gets.</summary>
    public WorkbookSettings Settings { get; } = settings ?? WorkbookSettings.Current;

    /// <summary>Every registered kind, in name order.</summary>
    public IReadOnlyList<PricerRegistration> Registrations => registrations.Values.OrderBy(r => r.Kind, StringComparer.Ordinal).ToList();

    /// <summary>Adds a kind, replacing any registration of the same name.</summary>
    public PricerRegistry Register(PricerRegistration registration)
    {
        if (registration.Unavailable is null && registration.Create is null == registration.Trainer is null)
            throw new ArgumentException($"Kind '{registration.Kind}' must either create or train its pricers.", nameof(registration));
        registrations[registration.Kind] = registration;
        return this;
    }

    /// <summary>Announces a kind that a later version brings (see <see cref="PricerRegistration.Planned"/>).</summary>
    public PricerRegistry Planned(string kind, string usage, string description) => Register(PricerRegistration.Planned(kind, usage, description));

    /// <summary>The registration of <paramref name="kind"/>, or null.</summary>
    public PricerRegistration? Find(string kind) => registrations.GetValueOrDefault(kind.Trim());

    /// <summary>
    /// Resolves a spec and checks its options. <c>KIND:ARG</c> splits at the first colon only, so
    /// <c>frontier:ft:gpt-4o-mini:org::id</c> asks kind <c>frontier</c> for model <c>ft:gpt-4o-mini:org::id</c>.
    /// </summary>
    /// <param name="spec">The pricer spec.</param>
    /// <param name="options">The kind's options as given (name without dashes → value, null for a bare flag).</param>
    /// <param name="seed">The run's seed.</param>
    /// <exception cref="PricerUnavailableException">Unknown kind or malformed spec.</exception>
    /// <exception cref="PricerOptionException">An option the kind does not take, or a bad value.</exception>
    public PricerRecipe Resolve(string spec, IReadOnlyDictionary<string, string?>? options = null, int seed = 42)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new PricerUnavailableException($"No pricer named. Known: {Known()}.");
        int colon = spec.IndexOf(':');
        string kind = colon < 0 ? spec.Trim() : spec[..colon].Trim();
        string? argument = colon < 0 ? null : spec[(colon + 1)..];
        var registration = Find(kind) ?? throw new PricerUnavailableException($"Unknown pricer '{spec}'. Known: {Known()}.");
        if (registration.TakesArgument && string.IsNullOrWhiteSpace(argument))
            throw new PricerUnavailableException($"Pricer '{spec}' needs an argument: write it as {registration.Usage}.");
        if (!registration.TakesArgument && argument is not null)
            throw new PricerUnavailableException($"Pricer '{kind}' takes no argument: write it as {registration.Usage}.");
        if (registration.Unavailable is { } why) throw new PricerUnavailableException($"Pricer '{spec}': {why}");
        var values = new PricerOptionValues(registration.Options, options ?? new Dictionary<string, string?>(), registration.Kind);
        return new PricerRecipe(registration, new PricerRequest(spec, registration.Kind, argument, seed, values, Settings));
    }

    /// <summary>Builds the pricer of a spec whose kind does not train (the common case in notebooks and tests).</summary>
    public ValueTask<IPricer> CreateAsync(string spec, IReadOnlyDictionary<string, string?>? options = null, int seed = 42,
        CancellationToken cancellationToken = default) => Resolve(spec, options, seed).CreateAsync(cancellationToken);

    /// <summary>Loads the trained model saved in <paramref name="folder"/> through its kind's registration.</summary>
    /// <exception cref="TrainedModelException">No model there, or one of a kind this version cannot load.</exception>
    public async Task<LoadedModel> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var manifest = TrainedModel.ReadManifest(folder);
        var registration = Find(manifest.Kind)
            ?? throw new TrainedModelException($"{Path.GetFullPath(folder)} holds a '{manifest.Kind}' model, a kind this version does not know. Known: {Known()}.");
        if (registration.Load is not { } load)
            throw new TrainedModelException($"{Path.GetFullPath(folder)} holds a '{manifest.Kind}' model, and '{manifest.Kind}' models cannot be loaded.");
        var recipe = Resolve(manifest.Spec, manifest.Options.ToDictionary(p => p.Key, p => (string?)p.Value), manifest.Seed);
        var pricer = await load(recipe.Request, new ModelFolder(folder), cancellationToken).ConfigureAwait(false);
        return new LoadedModel(pricer, manifest, Path.GetFullPath(folder)) { RunName = recipe.Request.Options.RunName(manifest.Spec) };
    }

    private string Known() => string.Join(", ", Registrations.Select(r => r.Usage));
}
