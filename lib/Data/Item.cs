namespace PricerLib.Data;

/// <summary>
/// A curated product: the course's 2024 <c>Item</c> after it passed every filter.
/// Serialised in the shared data's schema (<c>title</c>, <c>category</c>, <c>price</c>, <c>details</c>, <c>prompt</c>).
/// </summary>
public sealed record Item
{
    /// <summary>The question every prompt opens with.</summary>
    public const string Question = "How much does this cost to the nearest dollar?";

    /// <summary>The answer prefix; a test prompt ends right after it.</summary>
    public const string Prefix = "Price is $";

    public required string Title { get; init; }

    /// <summary>Amazon Reviews 2023 category, e.g. <c>Appliances</c>; null where the source had none.</summary>
    public string? Category { get; init; }

    /// <summary>Price in US dollars.</summary>
    public required double Price { get; init; }

    /// <summary>The product's <c>details</c> object as a JSON string (Python <c>json.dumps</c> form); may be null.</summary>
    public string? Details { get; init; }

    /// <summary>The full training prompt: question, text, and "Price is $N.00".</summary>
    public required string Prompt { get; init; }

    /// <summary>
    /// The 2025 edition's LLM-written summary of the product (its prompts are built from it); null for 2024 items.
    /// </summary>
    public string? Summary { get; init; }

    /// <summary>The 2025 edition's full text of the product (title, description, features, details); null for 2024 items.</summary>
    public string? Full { get; init; }

    /// <summary>The 2025 edition's parsed weight in pounds, where the product gave one; null otherwise.</summary>
    public double? Weight { get; init; }

    /// <summary>The 2025 edition's item id within its dataset; null for 2024 items.</summary>
    public int? Id { get; init; }

    /// <summary>True when any 2025 field is set: such items are written in the 2025 edition's JSONL schema.</summary>
    public bool HasCourse2025Fields => Summary is not null || Full is not null || Weight is not null || Id is not null;

    /// <summary>Tokens in <see cref="Prompt"/> (no special tokens), where the curator counted them.</summary>
    public int? TokenCount { get; init; }

    /// <summary>
    /// The prompt cut just after the first "Price is $", as the course's <c>test_prompt()</c>
    /// (<c>prompt.split(PREFIX)[0] + PREFIX</c>) does.
    /// </summary>
    public string TestPrompt
    {
        get
        {
            int at = Prompt.IndexOf(Prefix, StringComparison.Ordinal);
            return at < 0 ? Prompt + Prefix : Prompt[..(at + Prefix.Length)];
        }
    }
}
