using System.Text.Json;
using System.Text.Json.Serialization;

namespace PricerLib.Data.Demo;

/// <summary>
/// The word lists of the synthetic demo catalogue, read from the embedded <c>data/demo-vocabulary.json</c>:
/// per category its brands (by price tier), materials, sizes and uses, and product families with base prices.
/// </summary>
internal sealed record DemoVocabulary(
    IReadOnlyList<DemoVocabulary.Tier> Tiers,
    IReadOnlyList<DemoVocabulary.Pack> Packs,
    IReadOnlyList<string> Colors,
    IReadOnlyList<string> Warranties,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Descriptions,
    IReadOnlyList<string> Months,
    IReadOnlyList<string> Series,
    IReadOnlyList<DemoVocabulary.Category> Categories)
{
    /// <summary>A price tier: its brands cost <see cref="Factor"/> times the family's base price.</summary>
    internal sealed record Tier(string Name, double Factor, double Chance, IReadOnlyList<string> Phrases);

    /// <summary>A multi-pack and its price factor.</summary>
    internal sealed record Pack(int Count, double Factor);

    /// <summary>A named option (material, size) and its price factor.</summary>
    internal sealed record Option(string Name, double Factor)
    {
        /// <summary>"Heavy-Duty" → "heavy-duty" inside a sentence, but names with an acronym (XL, ABS, TPU) stay as they are.</summary>
        public string InSentence { get; } =
            Name.Split(' ', '-').Any(word => word.Length > 1 && word.All(char.IsUpper)) ? Name : Name.ToLowerInvariant();
    }

    /// <summary>A kind of product, e.g. "Brake Pad Set" at $45 before multipliers.</summary>
    internal sealed record Family(
        string Noun, double Base, IReadOnlyList<string> Path, IReadOnlyList<string> Features,
        IReadOnlyList<int>? Watts, bool Packable);

    /// <summary>One of the course's categories, with <see cref="Share"/> its relative size in the course's data.</summary>
    internal sealed record Category(
        string Name, string Label, double Share,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Brands,
        IReadOnlyList<Option> Materials, IReadOnlyList<Option> Sizes, IReadOnlyList<string> Uses,
        IReadOnlyList<Family> Families);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectNullableAnnotations = true,
    };

    /// <summary>The embedded vocabulary, loaded once.</summary>
    public static DemoVocabulary Embedded { get; } = Load();

    private static DemoVocabulary Load()
    {
        const string resource = "PricerLib.data.demo-vocabulary.json";
        using var stream = typeof(DemoVocabulary).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from PricerLib");
        return JsonSerializer.Deserialize<DemoVocabulary>(stream, Options)
            ?? throw new InvalidOperationException($"embedded resource {resource} is empty");
    }
}
