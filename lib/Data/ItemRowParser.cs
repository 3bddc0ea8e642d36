using System.Globalization;
using System.Text.Json;
using PricerLib.Editions;

namespace PricerLib.Data;

/// <summary>
/// Turns one row of an items file into an <see cref="Item"/> or a reason it cannot be one. Two row shapes exist:
/// ours and the shared data's (<c>title</c>, <c>category</c>, <c>price</c>, <c>details</c>, <c>prompt</c>, optional
/// <c>token_count</c>; extra fields such as <c>source</c> are ignored) and the course's published <c>pricer-data</c>
/// (<c>text</c> + <c>price</c>, where text is a full or test prompt and the title is its first line after the question).
/// The 2025 edition's rows (<c>title, category, price, full, weight, summary, prompt, id</c>) are ours with more
/// fields; its <c>items_prompts_*</c> rows are <c>prompt</c> + <c>completion</c> only.
/// </summary>
internal static class ItemRowParser
{
    /// <summary>The fields of a row, however the file stored them.</summary>
    internal readonly record struct Fields(
        string? Title, string? Category, double? Price, string? Details, string? Prompt, string? Text, int? TokenCount)
    {
        /// <summary>The 2025 edition's LLM-written summary, from which a row without a prompt gets one.</summary>
        public string? Summary { get; init; }

        /// <summary>The 2025 edition's full product text.</summary>
        public string? Full { get; init; }

        /// <summary>The 2025 edition's weight in pounds.</summary>
        public double? Weight { get; init; }

        /// <summary>The 2025 edition's item id.</summary>
        public int? Id { get; init; }

        /// <summary>
        /// The answer of the course's <c>items_prompts_*</c> rows (<c>"123.00"</c>, or the exact price in test rows),
        /// whose prompt stops at "Price is $": the full prompt is prompt + completion, and the price is read from it.
        /// </summary>
        public string? Completion { get; init; }
    }

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

            var fields = new Fields(Text("title"), Text("category"), null, Text("details"), Text("prompt"), Text("text"), null)
            {
                Summary = Text("summary"),
                Full = Text("full"),
                Completion = Text("completion"),
            };
            if (root.TryGetProperty("token_count", out var tokens) && tokens.ValueKind != JsonValueKind.Null)
            {
                if (tokens.ValueKind == JsonValueKind.Number && tokens.TryGetInt32(out var count) && count >= 0)
                    fields = fields with { TokenCount = count };
                else
                    wrongType ??= $"\"token_count\" is {tokens.GetRawText()}, not a count";
            }
            if (root.TryGetProperty("weight", out var weight) && weight.ValueKind != JsonValueKind.Null)
            {
                if (weight.ValueKind == JsonValueKind.Number && weight.TryGetDouble(out var pounds) && double.IsFinite(pounds))
                    fields = fields with { Weight = pounds };
                else
                    wrongType ??= $"\"weight\" is {weight.GetRawText()}, not a number";
            }
            if (root.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null)
            {
                if (id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var number))
                    fields = fields with { Id = number };
                else
                    wrongType ??= $"\"id\" is {id.GetRawText()}, not an integer";
            }
            if (wrongType is not null) return Outcome.Bad(ItemRowProblem.WrongFieldType, wrongType);

            if (!root.TryGetProperty("price", out var price) || price.ValueKind == JsonValueKind.Null)
                return Build(fields); // an items_prompts row carries its price in its completion
            if (price.ValueKind != JsonValueKind.Number || !price.TryGetDouble(out var dollars) || !double.IsFinite(dollars))
                return Outcome.Bad(ItemRowProblem.NonNumericPrice, $"price {price.GetRawText()} is not a number");
            return Build(fields with { Price = dollars });
        }
    }

    /// <summary>Checks the fields of a row (price already known to be a number, or null when missing).</summary>
    public static Outcome Build(Fields row)
    {
        if (row.Price is null && row.Completion is { } completion)
        {
            if (!double.TryParse(completion, NumberStyles.Float, CultureInfo.InvariantCulture, out var answered))
                return Outcome.Bad(ItemRowProblem.NonNumericPrice, $"no price, and the completion \"{completion}\" is not a number");
            row = row with { Price = answered };
        }
        if (row.Price is not { } price) return Outcome.Bad(ItemRowProblem.MissingPrice, "no price");
        if (!double.IsFinite(price))
            return Outcome.Bad(ItemRowProblem.NonNumericPrice, $"price {price.ToString(CultureInfo.InvariantCulture)} is not a number");
        if (price < 0) return Outcome.Bad(ItemRowProblem.NegativePrice, $"price {price.ToString(CultureInfo.InvariantCulture)} is negative");

        // A 2025 item without a prompt gets the course's make_prompt(summary); an items_prompts row is prompt + completion.
        // A raw 2025 item (full text, no summary yet: the parser's output, the preprocessor's input) has no prompt yet.
        var prompt = row.Prompt is { } given && row.Completion is { } answer ? given + answer
            : row.Prompt ?? row.Text
            ?? (string.IsNullOrWhiteSpace(row.Summary) ? null : CourseEdition.Course2025.MakePrompt(row.Summary, price))
            ?? (string.IsNullOrWhiteSpace(row.Full) ? null : "");
        if (prompt is null)
            return Outcome.Bad(ItemRowProblem.MissingPrompt, "no \"prompt\", \"summary\" or \"full\" (2025) or pricer-data \"text\" field");
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
            Summary = row.Summary,
            Full = row.Full,
            Weight = row.Weight,
            Id = row.Id,
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
