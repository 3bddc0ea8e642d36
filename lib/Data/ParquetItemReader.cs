using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace PricerLib.Data;

/// <summary>
/// Reads item rows from a Parquet file (the course's Hugging Face <c>pricer-data</c> is published as Parquet:
/// columns <c>text</c> and <c>price</c>; our own columns are read too where present) with Parquet.Net. The 2025
/// edition's <c>items_lite</c>/<c>items_full</c> hold the course's <c>Item</c> fields (<c>title, category, price, full,
/// weight, summary, prompt, id</c>) and its <c>items_prompts_*</c> only <c>prompt</c> and <c>completion</c>.
/// </summary>
internal static class ParquetItemReader
{
    private static readonly string[] TextColumns = ["title", "category", "details", "prompt", "text", "summary", "full", "completion"];

    private static readonly string[] NumberColumns = ["price", "token_count", "weight", "id"];

    /// <summary>The rows of every row group, in file order, as fields for <see cref="ItemRowParser.Build"/>.</summary>
    public static async Task<List<ItemRowParser.Fields>> ReadAsync(Stream stream, string path)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true);
        var byName = CheckSchema(reader.Schema, path);

        var rows = new List<ItemRowParser.Fields>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int count = checked((int)group.RowCount);
            var text = new Dictionary<string, string?[]>();
            foreach (var name in TextColumns)
            {
                if (!byName.TryGetValue(name, out var field)) continue;
                var values = new string?[count];
                await group.ReadAsync(field, values.AsMemory()!);
                text[name] = values;
            }
            var numbers = new Dictionary<string, double?[]>();
            foreach (var name in NumberColumns)
                if (byName.TryGetValue(name, out var field))
                    numbers[name] = await ReadNumbersAsync(group, field, count, path);

            string? At(string column, int i) => text.TryGetValue(column, out var values) ? values[i] : null;
            double? NumberAt(string column, int i) => numbers.TryGetValue(column, out var values) ? values[i] : null;
            for (int i = 0; i < count; i++)
                rows.Add(new ItemRowParser.Fields(At("title", i), At("category", i), NumberAt("price", i), At("details", i),
                    At("prompt", i), At("text", i), NumberAt("token_count", i) is { } n ? (int)n : null)
                {
                    Summary = At("summary", i),
                    Full = At("full", i),
                    Completion = At("completion", i),
                    Weight = NumberAt("weight", i),
                    Id = NumberAt("id", i) is { } id ? (int)id : null,
                });
        }
        return rows;
    }

    /// <summary>
    /// Checks that <paramref name="path"/> is a whole Parquet file (its magic at both ends) with item columns, without
    /// reading its rows: what a download is checked with before it takes its final name.
    /// </summary>
    /// <exception cref="ItemFileException">Not Parquet, cut short, or of another schema; the message says which.</exception>
    public static async Task CheckAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var magic = new byte[4];
        bool head = stream.Length >= 8 && await stream.ReadAsync(magic) == 4 && magic.AsSpan().SequenceEqual("PAR1"u8);
        if (!head) throw new ItemFileException(path, $"{path} is not a Parquet file (it does not start with PAR1)");
        stream.Seek(-4, SeekOrigin.End);
        if (await stream.ReadAsync(magic) != 4 || !magic.AsSpan().SequenceEqual("PAR1"u8))
            throw new ItemFileException(path, $"{path} is a cut-short Parquet file (it does not end with PAR1)");
        stream.Position = 0;
        try
        {
            await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true);
            CheckSchema(reader.Schema, path);
        }
        catch (Exception e) when (e is not ItemFileException)
        {
            throw new ItemFileException(path, $"{path} is not a readable Parquet file: {e.Message}", e);
        }
    }

    /// <summary>The columns by name, once they are known to hold a price (or completion) and a text to price.</summary>
    private static Dictionary<string, DataField> CheckSchema(ParquetSchema schema, string path)
    {
        var byName = schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        if (!byName.ContainsKey("price") && !byName.ContainsKey("completion"))
            throw new ItemFileException(path, $"{path}: a Parquet file without a \"price\" (or items_prompts \"completion\") column (columns: {string.Join(", ", byName.Keys)})");
        if (!byName.ContainsKey("prompt") && !byName.ContainsKey("text") && !byName.ContainsKey("summary"))
            throw new ItemFileException(path, $"{path}: a Parquet file without a \"prompt\", \"summary\" or \"text\" column (columns: {string.Join(", ", byName.Keys)})");
        foreach (var name in TextColumns)
            if (byName.TryGetValue(name, out var field) && !IsText(field))
                throw new ItemFileException(path, $"{path}: Parquet column \"{name}\" holds {field.ClrType.Name}, not strings");

        return byName;
    }

    /// <summary>Parquet.Net 6 types UTF-8 columns as <see cref="ReadOnlyMemory{T}"/> of char; older writers' as string.</summary>
    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>A numeric column of any width as doubles (null where the row has no value).</summary>
    private static Task<double?[]> ReadNumbersAsync(ParquetRowGroupReader group, DataField field, int count, string path) =>
        field.ClrType switch
        {
            var t when t == typeof(double) => ReadAsync<double>(group, field, count),
            var t when t == typeof(float) => ReadAsync<float>(group, field, count),
            var t when t == typeof(decimal) => ReadAsync<decimal>(group, field, count),
            var t when t == typeof(long) => ReadAsync<long>(group, field, count),
            var t when t == typeof(int) => ReadAsync<int>(group, field, count),
            _ => throw new ItemFileException(path, $"{path}: Parquet column \"{field.Name}\" holds {field.ClrType.Name}, not numbers"),
        };

    private static async Task<double?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int count)
        where T : struct, INumberBase<T>
    {
        var result = new double?[count];
        if (field.IsNullable)
        {
            var values = new T?[count];
            await group.ReadAsync(field, values.AsMemory());
            for (int i = 0; i < count; i++) result[i] = values[i] is { } v ? double.CreateChecked(v) : null;
        }
        else
        {
            var values = new T[count];
            await group.ReadAsync(field, values.AsMemory());
            for (int i = 0; i < count; i++) result[i] = double.CreateChecked(values[i]);
        }
        return result;
    }
}
