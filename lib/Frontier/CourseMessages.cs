using System.Globalization;
using PricerLib.Data;
using PricerLib.Editions;

namespace PricerLib.Frontier;

/// <summary>Who says a chat message.</summary>
public enum ChatRole
{
    /// <summary>The instructions.</summary>
    System,
    /// <summary>The question.</summary>
    User,
    /// <summary>The model's (or a prefilled) answer.</summary>
    Assistant,
}

/// <summary>One chat message, independent of any SDK.</summary>
/// <param name="Role">Who says it.</param>
/// <param name="Content">What is said.</param>
public sealed record ChatTurn(ChatRole Role, string Content);

/// <summary>
/// The course's <c>messages_for(item)</c> (week 6 days 4 and 5), the one place every chat pricer and the
/// fine-tuning file get their messages from.
/// </summary>
public static class CourseMessages
{
    /// <summary>The course's system message, verbatim.</summary>
    public const string SystemMessage = "You estimate prices of items. Reply only with the price, no explanation";

    /// <summary>The assistant's prefilled start of an answer.</summary>
    public const string Prefill = "Price is $";

    /// <summary>The 2025 edition's one question (week 6 days 4 and 5), followed by a blank line and the item's summary.</summary>
    public const string Question2025 = "Estimate the price of this product. Respond with the price, no explanation";

    /// <summary>
    /// The messages of <paramref name="edition"/>: 2024's system, user and prefill (<see cref="ForPricing(Item, bool)"/>),
    /// or 2025's single user message (<see cref="ForPricing2025"/>: no system message, no prefill, whatever
    /// <paramref name="prefill"/> says).
    /// </summary>
    /// <exception cref="FrontierException">A 2025 prompt for an item without a summary.</exception>
    public static IReadOnlyList<ChatTurn> ForPricing(Item item, CourseEdition edition, bool prefill) =>
        edition == CourseEdition.Course2025 ? ForPricing2025(item) : ForPricing(item, prefill);

    /// <summary>The 2025 edition's <c>messages_for(item)</c>: one user message, the question and the summary.</summary>
    /// <exception cref="FrontierException">The item has no summary (a 2024 item).</exception>
    public static IReadOnlyList<ChatTurn> ForPricing2025(Item item) => [new(ChatRole.User, UserPrompt2025(item))];

    /// <summary>
    /// Day 5's 2025 training example: the 2025 question answered <c>f"${item.price:.2f}"</c> (the course's own code; no
    /// "Price is" in this edition).
    /// </summary>
    public static IReadOnlyList<ChatTurn> ForTraining2025(Item item) =>
        [.. ForPricing2025(item), new(ChatRole.Assistant, "$" + item.Price.ToString("F2", CultureInfo.InvariantCulture))];

    /// <summary>The 2025 user message: <c>f"{question}\n\n{item.summary}"</c>.</summary>
    /// <exception cref="FrontierException">The item has no summary (a 2024 item).</exception>
    public static string UserPrompt2025(Item item) => item.Summary is { Length: > 0 } summary
        ? Question2025 + "\n\n" + summary
        : throw new FrontierException($"'{Truncate(item.Title)}' has no summary: the 2025 prompt is built from the summaries of the 2025 items. " +
            "Use a 2025 items file, or the 2024 prompt (--prompt 2024, or PRICER_EDITION=2024).");

    private static string Truncate(string title) => title.Length <= 40 ? title : title[..40] + "…";

    /// <summary>
    /// System, user (the test prompt without " to the nearest dollar" and "\n\nPrice is $") and, when
    /// <paramref name="prefill"/>, the assistant's "Price is $" for the model to continue.
    /// </summary>
    public static IReadOnlyList<ChatTurn> ForPricing(Item item, bool prefill = true) =>
        prefill ? [.. Question(item), new(ChatRole.Assistant, Prefill)] : Question(item);

    /// <summary>Day 5's training example: the same question, answered "Price is $X.XX" with the item's true price.</summary>
    public static IReadOnlyList<ChatTurn> ForTraining(Item item) =>
        [.. Question(item), new(ChatRole.Assistant, Prefill + item.Price.ToString("F2", CultureInfo.InvariantCulture))];

    /// <summary>The user message: <c>item.test_prompt().replace(" to the nearest dollar","").replace("\n\nPrice is $","")</c>.</summary>
    public static string UserPrompt(Item item) =>
        item.TestPrompt.Replace(" to the nearest dollar", "", StringComparison.Ordinal).Replace("\n\n" + Item.Prefix, "", StringComparison.Ordinal);

    private static ChatTurn[] Question(Item item) => [new(ChatRole.System, SystemMessage), new(ChatRole.User, UserPrompt(item))];
}
