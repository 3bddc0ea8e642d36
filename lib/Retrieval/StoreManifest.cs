using System.Text.Json;
using System.Text.Json.Serialization;

namespace PricerLib.Retrieval;

/// <summary>
/// What a vector store was made from (<c>manifest.json</c>, written last: a folder without it is an unfinished build).
/// </summary>
/// <param name="Model">The embedding model's name.</param>
/// <param name="ModelSha256">The SHA-256 of the ONNX file that made the vectors.</param>
/// <param name="Dimensions">The vector length.</param>
/// <param name="ItemsFile">The items file's full path when built.</param>
/// <param name="ItemsSha256">The items file's SHA-256.</param>
/// <param name="Count">Rows in the store.</param>
/// <param name="Skipped">Items of the file left out (empty document).</param>
public sealed record StoreManifest(string Model, string ModelSha256, int Dimensions, string ItemsFile, string ItemsSha256, int Count, int Skipped)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a manifest file.</summary>
    /// <exception cref="VectorStoreException">Missing or unreadable.</exception>
    public static StoreManifest Read(string path)
    {
        if (!File.Exists(path)) throw new VectorStoreException($"{path} is missing: not a vector store, or its build did not finish (run `pricer vectors build` again to resume it).");
        try
        {
            return JsonSerializer.Deserialize<StoreManifest>(File.ReadAllText(path), Json)
                ?? throw new VectorStoreException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new VectorStoreException($"{path} is not a vector store manifest: {e.Message}", e);
        }
    }
}
