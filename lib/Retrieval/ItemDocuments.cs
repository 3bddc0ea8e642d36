using PricerLib.Data;

namespace PricerLib.Retrieval;

/// <summary>The text the course embeds for an item: its <c>description(item)</c>.</summary>
public static class ItemDocuments
{
    private const string QuestionLine = Item.Question + "\n\n";
    private const string PriceLine = "\n\nPrice is $";

    /// <summary>
    /// The 2025 edition (week8/day2): the item's <c>summary</c>. The 2024 edition (week8/day2.0): the prompt without
    /// "How much does this cost to the nearest dollar?\n\n" and cut before "\n\nPrice is $", i.e. "title\nbody".
    /// </summary>
    public static string Of(Item item) => item.Summary ?? item.Prompt.Replace(QuestionLine, "").Split(PriceLine)[0];
}
