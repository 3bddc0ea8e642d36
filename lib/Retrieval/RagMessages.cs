using System.Globalization;
using System.Text;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Frontier;

namespace PricerLib.Retrieval;

/// <summary>
/// The course's RAG request (week 8): an item's question with the prices of the most similar training items as
/// context. 2024 (<c>day2.3.ipynb</c>, <c>agents/frontier_agent.py</c> at 95c38ce9f): the frontier system message, the
/// context, "And now the question for you:" and the day-4 question, then the "Price is $" prefill. 2025
/// (<c>day2.ipynb</c> at 109b683e7, which produced the course's GPT-5.1 RAG figure): one user message, the
/// instruction and the item's summary first, the context after.
/// </summary>
public static class RagMessages
{
    /// <summary>The 2024 context's opening line (2024 notebook and both editions' <c>frontier_agent.py</c>).</summary>
    public const string Context2024 = "To provide some context, here are some other items that might be similar to the item you need to estimate.\n\n";

    /// <summary>The 2025 notebook's context opening line (its <c>frontier_agent.py</c> kept the 2024 wording).</summary>
    public const string Context2025 = "For context, here are some other items that might be similar to the item you need to estimate.\n\n";

    /// <summary>The 2025 instruction that opens its only message.</summary>
    public const string Instruction2025 = "Estimate the price of this product. Respond with the price, no explanation";

    /// <summary>
    /// The text an item is looked up by: what the store holds for it (<see cref="ItemDocuments.Of"/>); for the 2025
    /// prompt, which shows it, the item's summary.
    /// </summary>
    /// <exception cref="PricerException">A 2025 request on an item without a summary.</exception>
    public static string Document(Item item, CourseEdition edition = CourseEdition.Course2024) => edition == CourseEdition.Course2025
        ? item.Summary ?? throw new PricerException($"The 2025 RAG prompt needs the item's summary, and '{item.Title}' has none (a 2024 item?): use --prompt 2024.")
        : ItemDocuments.Of(item);

    /// <summary>The course's <c>make_context(similars, prices)</c>: each neighbour, nearest first, with its price to the cent.</summary>
    public static string Context(IReadOnlyList<Neighbour> neighbours, CourseEdition edition = CourseEdition.Course2024)
    {
        var text = new StringBuilder(edition == CourseEdition.Course2025 ? Context2025 : Context2024);
        foreach (var neighbour in neighbours)
            text.Append("Potentially related product:\n").Append(neighbour.Document)
                .Append("\nPrice is $").Append(neighbour.Price.ToString("F2", CultureInfo.InvariantCulture)).Append("\n\n");
        return text.ToString();
    }

    /// <summary>
    /// The messages for <paramref name="item"/> given its <paramref name="neighbours"/>. 2024: system, user and (when
    /// <paramref name="prefill"/>) the assistant's "Price is $"; 2025: the single user message (it has no prefill).
    /// </summary>
    public static IReadOnlyList<ChatTurn> For(Item item, IReadOnlyList<Neighbour> neighbours, bool prefill = true, CourseEdition edition = CourseEdition.Course2024)
    {
        if (edition == CourseEdition.Course2025)
            return [new(ChatRole.User, $"{Instruction2025}\n\n{Document(item, edition)}\n\n{Context(neighbours, edition)}")];
        // The notebook's question is the day-4 user prompt: "How much does this cost?\n\n" + description(item).
        var user = new ChatTurn(ChatRole.User, Context(neighbours) + "And now the question for you:\n\n" + CourseMessages.UserPrompt(item));
        ChatTurn system = new(ChatRole.System, CourseMessages.SystemMessage);
        return prefill ? [system, user, new(ChatRole.Assistant, CourseMessages.Prefill)] : [system, user];
    }
}
