using PricerLib.Data;

namespace PricerLib.Classical2025;

/// <summary>
/// The text the 2025 baselines read: the item's LLM-written <c>summary</c> (<c>documents = [item.summary for item in
/// train]</c>). A 2024 item has none, so its prompt's text stands in for it: the prompt without the question and
/// without the closing "Price is $…" (title and details, as the 2024 course wrote them).
/// </summary>
public static class ItemText2025
{
    /// <summary>The summary, or the stand-in for an item without one.</summary>
    public static string Of(Item item)
    {
        if (item.Summary is { } summary) return summary;
        string prompt = item.TestPrompt;
        int start = prompt.IndexOf("\n\n", StringComparison.Ordinal);
        int end = prompt.LastIndexOf("\n\n" + Item.Prefix, StringComparison.Ordinal);
        start = start < 0 ? 0 : start + 2;
        return end > start ? prompt[start..end] : prompt[start..].Replace(Item.Prefix, "", StringComparison.Ordinal);
    }
}
