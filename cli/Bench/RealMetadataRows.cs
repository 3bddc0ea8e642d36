using PricerLib.Data;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pricer.Cli.Bench;

/// <summary>
/// Raw Amazon metadata rows rebuilt from the shared items (<c>amazon-items-2024.jsonl</c>): real titles, prices and
/// details, and the prompt's text lines as the description, so the benchmark curates real product text.
/// </summary>
internal static class RealMetadataRows
{
    private const string Question = "How much does this cost to the nearest dollar?\n\n";
    private const string PriceLine = "\n\nPrice is $";

    /// <summary>
    /// Writes <paramref name="repeats"/> copies of every row of <paramref name="items"/> as raw metadata
    /// (<c>details</c> an object, <c>price</c> a number) to <paramref name="path"/>, atomically; returns the row count.
    /// Cancelling leaves neither the file nor its temp file.
    /// </summary>
    public static long Write(string items, string path, int repeats, CancellationToken cancellationToken)
    {
        var rows = File.ReadLines(items).Where(line => line.Length > 0).Select(Rebuild).ToList();
        AtomicFile.Write(path, file =>
        {
            for (int i = 0; i < repeats; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var row in rows) file.Write(row);
            }
        });
        return (long)rows.Count * repeats;
    }

    private static byte[] Rebuild(string line)
    {
        using var item = JsonDocument.Parse(line);
        var root = item.RootElement;
        string prompt = root.GetProperty("prompt").GetString()!;
        int end = prompt.LastIndexOf(PriceLine, StringComparison.Ordinal);
        string text = prompt.StartsWith(Question, StringComparison.Ordinal) && end > Question.Length
            ? prompt[Question.Length..end] : prompt;
        // The first text line is the scrubbed title; the title field holds the raw one.
        var description = text.Split('\n').Skip(1);

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("title", root.GetProperty("title").GetString());
            if (root.TryGetProperty("category", out var category) && category.ValueKind == JsonValueKind.String)
                writer.WriteString("main_category", category.GetString());
            writer.WritePropertyName("price");
            writer.WriteRawValue(root.GetProperty("price").GetRawText());
            writer.WriteStartArray("description");
            foreach (var paragraph in description) writer.WriteStringValue(paragraph);
            writer.WriteEndArray();
            writer.WriteStartArray("features");
            writer.WriteEndArray();
            writer.WritePropertyName("details");
            WriteDetails(writer, root.TryGetProperty("details", out var details) ? details.GetString() : null);
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The raw files hold <c>details</c> as an object; the shared items hold its <c>json.dumps</c> text.</summary>
    private static void WriteDetails(Utf8JsonWriter writer, string? details)
    {
        if (details is null)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }
        try
        {
            using var parsed = JsonDocument.Parse(details);
            parsed.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(details);
        }
    }
}
