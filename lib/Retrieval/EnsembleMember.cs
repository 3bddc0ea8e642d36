using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>
/// One member of an ensemble: a pricer spec with its options (<c>rag:gpt-4o-mini --base-url URL --vectors DIR</c>) or
/// a trained model folder (<c>models/rf</c>), as written in <c>--members</c>.
/// </summary>
/// <param name="Spec">The spec; null for a model folder.</param>
/// <param name="Options">The spec's options (name without dashes → value; "true" for a flag).</param>
/// <param name="Folder">The model folder's absolute path; null for a spec.</param>
public sealed record EnsembleMember(string? Spec, IReadOnlyDictionary<string, string> Options, string? Folder)
{
    /// <summary>How the member is shown and named in the coefficients: its spec, or its folder.</summary>
    public string Label => Spec ?? Folder!;

    /// <summary>
    /// Parses a comma-separated member list. Each member is a folder holding a trained model (its <c>model.json</c>)
    /// or a spec followed by its options, separated by spaces.
    /// </summary>
    /// <exception cref="PricerOptionException">An empty list or member, or an option without its dashes.</exception>
    public static IReadOnlyList<EnsembleMember> ParseList(string? members)
    {
        var entries = (members ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (entries.All(e => e.Length == 0))
            throw new PricerOptionException("Pricer 'ensemble' needs --members SPEC_OR_DIR,… (pricer specs, or folders saved by `pricer train`).");
        return entries.Select(Parse).ToList();
    }

    /// <summary>Writes a member as <c>--members</c> takes it: <c>SPEC --option value --flag</c> (values without spaces or commas).</summary>
    public static string Write(string spec, IReadOnlyDictionary<string, string?>? options = null)
    {
        var words = new List<string> { spec };
        foreach (var (name, value) in options ?? new Dictionary<string, string?>())
        {
            if (value is not null && (value.Length == 0 || value.Any(c => c == ',' || char.IsWhiteSpace(c))))
                throw new ArgumentException($"--{name} '{value}' cannot be written into --members (it is empty or holds a space or comma).", nameof(options));
            words.Add("--" + name);
            if (value is not null) words.Add(value);
        }
        return string.Join(' ', words);
    }

    /// <summary>Parses one member: a model folder, or <c>SPEC [--option value | --flag]…</c>.</summary>
    public static EnsembleMember Parse(string entry)
    {
        var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) throw new PricerOptionException("Pricer 'ensemble': --members has an empty member (two commas in a row?).");
        if (words.Length == 1 && File.Exists(Path.Combine(words[0], ModelFolder.ManifestName)))
            return new EnsembleMember(null, new Dictionary<string, string>(), Path.GetFullPath(words[0]));
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < words.Length; i++)
        {
            if (!words[i].StartsWith("--", StringComparison.Ordinal) || words[i].Length == 2)
                throw new PricerOptionException($"Pricer 'ensemble': member '{entry}': '{words[i]}' is not an option (write them as --name value or --flag).");
            bool hasValue = i + 1 < words.Length && !words[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[words[i][2..]] = hasValue ? words[++i] : "true";
        }
        return new EnsembleMember(words[0], options, null);
    }

    /// <summary>
    /// Makes the member's pricer: loads its model folder, or creates its spec. A spec of a kind that trains is refused:
    /// train it first and name its folder.
    /// </summary>
    /// <exception cref="PricerException">The member cannot be made (with which member it is).</exception>
    public async Task<IPricer> CreateAsync(PricerRegistry registry, int seed, CancellationToken cancellationToken = default)
    {
        if (Folder is not null)
        {
            if (!File.Exists(Path.Combine(Folder, ModelFolder.ManifestName)))
                throw new TrainedModelException($"Ensemble member {Folder} holds no trained model any more ({ModelFolder.ManifestName} is missing).");
            return (await registry.LoadAsync(Folder, cancellationToken).ConfigureAwait(false)).Pricer;
        }
        var recipe = registry.Resolve(Spec!, Options.ToDictionary(p => p.Key, p => (string?)p.Value), seed);
        if (recipe.Trains)
            throw new PricerUnavailableException($"Ensemble member '{Spec}' trains: train it first (`pricer train --pricer {Spec} … --model-out DIR`) and give its folder as the member.");
        return await recipe.CreateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What identifies the member's guesses in the guess cache: the spec, its options and the seed; for a folder, the
    /// folder and its model's manifest (a retrained model there gets new guesses).
    /// </summary>
    public string CacheKey(int seed)
    {
        string identity = Folder is null
            ? JsonSerializer.Serialize(new { Spec, Options, seed })
            : JsonSerializer.Serialize(new { Folder, manifest = File.ReadAllText(Path.Combine(Folder, ModelFolder.ManifestName)) });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }
}
