using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace PricerLib.Data;

/// <summary>
/// Reads item rows from a Parquet file (the course's Hugging Face <c>pricer-data</c> is published as Parquet:
/// columns <c>text</c> and <c>price</c>; our own columns are read too where present) with Parquet.Net.
/// </summary>
internal static class ParquetItemReader
{
    private static readonly string[] TextColumns = ["title", "category", "details", "prompt", "text"];

    /// <summary>The rows of every row group, in file order, as fields for <see cref="ItemRowParser.Build"/>.</summary>
    public static async Task<List<ItemRowParser.Fields>> ReadAsync(Stream stream, string path)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true);
        var byName = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        if (!byName.ContainsKey("price"))
            throw new ItemFileException(path, $"{path}: a Parquet file without a \"price\" column (columns: {string.Join(", ", byName.Keys)})");
        if (!byName.ContainsKey("prompt") && !byName.ContainsKey("text"))
            throw new ItemFileException(path, $"{path}: a Parquet file without a \"prompt\" or \"text\" column (columns: {string.Join(", ", byName.Keys)})");
        foreach (var name in TextColumns)
            if (byName.TryGetValue(name, out var field) && !IsText(field))
                throw new ItemFileException(path, $"{path}: Parquet column \"{name}\" holds {field.ClrType.Name}, not strings");

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
            var prices = await ReadNumbersAsync(group, byName["price"], count, path);
            var tokens = byName.TryGetValue("token_count", out var tokenField)
                ? await ReadNumbersAsync(group, tokenField, count, path)
                : null;

            string? At(string column, int i) => text.TryGetValue(column, out var values) ? values[i] : null;
            for (int i = 0; i < count; i++)
                rows.Add(new ItemRowParser.Fields(At("title", i), At("category", i), prices[i], At("details", i),
                    At("prompt", i), At("text", i), tokens?[i] is { } n ? (int)n : null));
        }
        return rows;
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
