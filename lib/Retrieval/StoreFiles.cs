using System.Runtime.InteropServices;
using System.Text.Json;

namespace PricerLib.Retrieval;

/// <summary>One stored item: where it was in the items file, its document, price, category and title.</summary>
/// <param name="Index">Its position in the items file.</param>
/// <param name="Document">Its <c>description(item)</c>.</param>
/// <param name="Price">Its price in dollars.</param>
/// <param name="Category">Its category, where known.</param>
/// <param name="Title">Its title.</param>
public sealed record StoreRow(int Index, string Document, double Price, string? Category, string Title);

/// <summary>The files of a store folder: rows (JSONL), vectors (raw little-endian float32, row after row), build header, manifest.</summary>
internal static class StoreFiles
{
    public const string Rows = "rows.jsonl", Vectors = "vectors.f32", Build = "build.json", Manifest = "manifest.json";

    public static int BytesPerRow => SentenceEmbedder.Dimensions * sizeof(float);

    private static readonly JsonSerializerOptions RowJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string RowLine(StoreRow row) => JsonSerializer.Serialize(row, RowJson);

    public static StoreRow ParseRow(string line, string path, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize<StoreRow>(line, RowJson) ?? throw new JsonException("null row");
        }
        catch (JsonException e)
        {
            throw new VectorStoreException($"{path}:{lineNumber} is not a store row ({e.Message}); rebuild the store.", e);
        }
    }

    /// <summary>Appends rows' vectors to the vectors file.</summary>
    public static void AppendVectors(Stream stream, IEnumerable<float[]> vectors)
    {
        foreach (var vector in vectors) stream.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
    }
}
