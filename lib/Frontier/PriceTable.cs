using System.Text.Json;
using System.Text.Json.Serialization;

namespace PricerLib.Frontier;

/// <summary>A model's price per million tokens.</summary>
/// <param name="Input">Dollars per million prompt tokens.</param>
/// <param name="Output">Dollars per million answer tokens.</param>
public sealed record ModelPrice(double Input, double Output);

/// <summary>
/// API prices as data (<c>data/frontier-prices.json</c>, with its date and source), overridable by a file of the same
/// shape. A model is found by its exact id, a fine-tuned id (<c>ft:BASE:org::id</c>) by <c>ft:BASE</c>, else by the
/// longest listed id it starts with (<c>gpt-4o-mini-2025-…</c> → <c>gpt-4o-mini</c>).
/// </summary>
public sealed record PriceTable
{
    /// <summary>The embedded table's resource name.</summary>
    public const string ResourceName = "PricerLib.data.frontier-prices.json";

    /// <summary>When the prices were read.</summary>
    public required string Date { get; init; }

    /// <summary>Where they were read.</summary>
    public required string Source { get; init; }

    /// <summary>Share of the price the Batch API charges (OpenAI: 0.5).</summary>
    public double BatchDiscount { get; init; } = 0.5;

    /// <summary>Prices by model id.</summary>
    public required IReadOnlyDictionary<string, ModelPrice> Models { get; init; }

    /// <summary>The price of any model the table does not list; null (unknown) for the files.</summary>
    [JsonIgnore]
    public ModelPrice? Otherwise { get; private init; }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The table shipped with the workbook.</summary>
    public static PriceTable Default { get; } = LoadEmbedded();

    /// <summary>A server on this machine (Ollama, any loopback base URL): every model costs $0, none is unknown.</summary>
    public static PriceTable Local { get; } = new()
    {
        Date = "", Source = "a server on this machine", Models = new Dictionary<string, ModelPrice>(), Otherwise = new ModelPrice(0, 0),
    };

    /// <summary>The prices a run with <paramref name="provider"/> uses: <paramref name="file"/> where given, else $0 on a server on this machine, else <see cref="Default"/>.</summary>
    public static PriceTable For(FrontierProvider provider, string? file) =>
        file is not null ? Load(file) : provider.IsLocal ? Local : Default;

    /// <summary>Reads a table file.</summary>
    /// <exception cref="FrontierException">The file is missing or not a price table.</exception>
    public static PriceTable Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream, path);
        }
        catch (IOException e)
        {
            throw new FrontierException($"Cannot read the price table {path}: {e.Message}");
        }
    }

    /// <summary>The price of <paramref name="model"/>; <see cref="Otherwise"/> when the table does not list it.</summary>
    public ModelPrice? Find(string model)
    {
        if (Models.TryGetValue(model, out var exact)) return exact;
        if (model.StartsWith("ft:", StringComparison.Ordinal) && model.Split(':') is { Length: > 1 } parts
            && Models.TryGetValue("ft:" + parts[1], out var tuned)) return tuned;
        return Models.Where(m => !m.Key.StartsWith("ft:", StringComparison.Ordinal) && model.StartsWith(m.Key, StringComparison.Ordinal))
            .OrderByDescending(m => m.Key.Length).Select(m => m.Value).FirstOrDefault() ?? Otherwise;
    }

    /// <summary>What <paramref name="inputTokens"/> in and <paramref name="outputTokens"/> out cost on <paramref name="model"/>; null when unlisted.</summary>
    public double? Cost(string model, long inputTokens, long outputTokens, bool batch = false) =>
        Find(model) is { } price ? (inputTokens * price.Input + outputTokens * price.Output) / 1e6 * (batch ? BatchDiscount : 1) : null;

    private static PriceTable LoadEmbedded()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the library.");
        return Parse(stream, ResourceName);
    }

    private static PriceTable Parse(Stream stream, string origin)
    {
        try
        {
            var table = JsonSerializer.Deserialize<PriceTable>(stream, Json);
            if (table?.Models is null || table.Models.Values.Any(p => p is null || p.Input < 0 || p.Output < 0))
                throw new JsonException("models with non-negative input and output prices are required");
            return table;
        }
        catch (JsonException e)
        {
            throw new FrontierException($"{origin} is not a price table ({{\"date\", \"source\", \"models\": {{\"id\": {{\"input\", \"output\"}}}}}}): {e.Message}");
        }
    }
}
