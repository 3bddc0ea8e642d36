using System.Globalization;
using System.Text.Json;

namespace PricerLib.Data;

/// <summary>
/// Turns one row of an items file into an <see cref="Item"/> or a reason it cannot be one. Two row shapes exist:
/// ours and the shared data's (<c>title</c>, <c>category</c>, <c>price</c>, <c>details</c>, <c>prompt</c>, optional
/// <c>token_count</c>; extra fields such as <c>source</c> are ignored) and the course's published <c>pricer-data</c>
/// (<c>text</c> + <c>price</c>, where text is a full or test prompt and the title is its first line after the question).
/// </summary>
internal static class ItemRowParser
{
    /// <summary>The fields of a row, however the file stored them.</summary>
    internal readonly record struct Fields(
        string? Title, string? Category, double? Price, string? Details, string? Prompt, string? Text, int? TokenCount);

    /// <summary>An item, or the problem that stopped it.</summary>
    internal readonly record struct Outcome(Item? Item, ItemRowProblem Problem, string Detail)
    {
        public static Outcome Bad(ItemRowProblem problem, string detail) => new(null, problem, detail);
    }

    /// <summary>Parses one JSONL line (not blank).</summary>
    public static Outcome ParseJson(string line)
    {
        var document = JsonLine.ParseObject(line, out var problem, out var message);
        if (document is null)
            return Outcome.Bad(problem == JsonLineProblem.NotJson ? ItemRowProblem.NotJson : ItemRowProblem.NotAnObject, message);
        using (document)
        {
            var root = document.RootElement;

            string? wrongType = null;
            string? Text(string name)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
                if (value.ValueKind == JsonValueKind.String) return value.GetString();
                wrongType ??= $"\"{name}\" is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a string";
                return null;
            }

            var fields = new Fields(Text("title"), Text("category"), null, Text("details"), Text("prompt"), Text("text"), null);
            if (root.TryGetProperty("token_count", out var tokens) && tokens.ValueKind != JsonValueKind.Null)
            {
                if (tokens.ValueKind == JsonValueKind.Number && tokens.TryGetInt32(out var count) && count >= 0)
                    fields = fields with { TokenCount = count };
                else
                    wrongType ??= $"\"token_count\" is {tokens.GetRawText()}, not a count";
            }
            if (wrongType is not null) return Outcome.Bad(ItemRowProblem.WrongFieldType, wrongType);

            if (!root.TryGetProperty("price", out var price) || price.ValueKind == JsonValueKind.Null)
                return Outcome.Bad(ItemRowProblem.MissingPrice, "no price");
            if (price.ValueKind != JsonValueKind.Number || !price.TryGetDouble(out var dollars) || !double.IsFinite(dollars))
                return Outcome.Bad(ItemRowProblem.NonNumericPrice, $"price {price.GetRawText()} is not a number");
            return Build(fields with { Price = dollars });
        }
    }

    /// <summary>Checks the fields of a row (price already known to be a number, or null when missing).</summary>
    public static Outcome Build(Fields row)
    {
        if (row.Price is not { } price) return Outcome.Bad(ItemRowProblem.MissingPrice, "no price");
        if (!double.IsFinite(price))
            return Outcome.Bad(ItemRowProblem.NonNumericPrice, $"price {price.ToString(CultureInfo.InvariantCulture)} is not a number");
        if (price < 0) return Outcome.Bad(ItemRowProblem.NegativePrice, $"price {price.ToString(CultureInfo.InvariantCulture)} is negative");

        var prompt = row.Prompt ?? row.Text;
        if (prompt is null) return Outcome.Bad(ItemRowProblem.MissingPrompt, "no \"prompt\" (or pricer-data \"text\") field");
        // A row without a title (pricer-data never has one) takes it from its prompt, as the course wrote it there.
        var title = string.IsNullOrWhiteSpace(row.Title) ? TitleOfPrompt(prompt) : row.Title;
        if (string.IsNullOrWhiteSpace(title))
            return Outcome.Bad(ItemRowProblem.MissingTitle, "no title, and the prompt has no title line after the question's blank line");

        return new Outcome(new Item
        {
            Title = title,
            Category = row.Category,
            Price = price,
            Details = row.Details,
            Prompt = prompt,
            TokenCount = row.TokenCount,
        }, default, "");
    }

    /// <summary>
    /// The title inside a course prompt: "QUESTION\n\nTITLE\ntext…" → TITLE (the first line after the first blank line).
    /// </summary>
    public static string? TitleOfPrompt(string prompt)
    {
        int blank = prompt.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0) return null;
        int start = blank + 2;
        int end = prompt.IndexOf('\n', start);
        return end < 0 ? prompt[start..] : prompt[start..end];
    }
}
