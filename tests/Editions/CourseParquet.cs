using Parquet;
using Parquet.Schema;
using PricerLib.Data;

namespace PricerLib.Tests.Editions;

/// <summary>Writes Parquet files of the 2025 course's <c>items_*</c> schema, as its datasets hold them, for tests.</summary>
internal static class CourseParquet
{
    /// <summary>
    /// A row as the Hub holds it: every field of the course's <c>Item</c>, any of them null (a null price or summary is
    /// what bad rows look like).
    /// </summary>
    public sealed record Row(string? Title, string? Category, double? Price, string? Full, double? Weight, string? Summary, string? Prompt, long? Id);

    /// <summary>The row of an item.</summary>
    public static Row Of(Item item) => new(item.Title, item.Category, item.Price, item.Full, item.Weight, item.Summary, item.Prompt, item.Id);

    /// <summary>Writes <paramref name="rows"/> as one row group with the course's columns.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<Row> rows)
    {
        var title = new DataField<string>("title");
        var category = new DataField<string>("category");
        var price = new DataField<double?>("price");
        var full = new DataField<string>("full");
        var weight = new DataField<double?>("weight");
        var summary = new DataField<string>("summary");
        var prompt = new DataField<string>("prompt");
        var id = new DataField<long?>("id");
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(title, category, price, full, weight, summary, prompt, id), file);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(title, rows.Select(r => r.Title).ToArray());
        await group.WriteAsync(category, rows.Select(r => r.Category).ToArray());
        await group.WriteAsync<double>(price, rows.Select(r => r.Price).ToArray().AsMemory());
        await group.WriteAsync(full, rows.Select(r => r.Full).ToArray());
        await group.WriteAsync<double>(weight, rows.Select(r => r.Weight).ToArray().AsMemory());
        await group.WriteAsync(summary, rows.Select(r => r.Summary).ToArray());
        await group.WriteAsync(prompt, rows.Select(r => r.Prompt).ToArray());
        await group.WriteAsync<long>(id, rows.Select(r => r.Id).ToArray().AsMemory());
    }

    /// <summary>A Parquet file of another schema: one string column <c>review</c>.</summary>
    public static async Task WriteOtherSchemaAsync(string path)
    {
        var review = new DataField<string>("review");
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(review), file);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(review, ["great"]);
    }
}
