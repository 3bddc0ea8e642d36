using System.Globalization;
using PricerLib.Data;

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
