using System.Text.Json.Serialization;

namespace PricerLib.Agents;

/// <summary>
/// A deal as the scanner's model summarised it: the course's <c>Deal</c> (product_description, price, url). The JSON
/// names are the course's, so <c>memory.json</c> files move between the Python course and this workbook.
/// </summary>
/// <param name="ProductDescription">The model's paragraph about the product itself.</param>
/// <param name="Price">The price the deal offers, in dollars.</param>
/// <param name="Url">The deal's page, one of the URLs the scanner offered.</param>
public sealed record Deal(
    [property: JsonPropertyName("product_description")] string ProductDescription,
    [property: JsonPropertyName("price")] double Price,
    [property: JsonPropertyName("url")] string Url);

/// <summary>
/// A deal priced by the planner: the course's <c>Opportunity</c>. <see cref="Discount"/> is what the pricer thinks it is
/// worth minus what it costs.
/// </summary>
/// <param name="Deal">The deal.</param>
/// <param name="Estimate">The pricer's estimate of its true value.</param>
/// <param name="Discount">Estimate minus price.</param>
public sealed record Opportunity(
    [property: JsonPropertyName("deal")] Deal Deal,
    [property: JsonPropertyName("estimate")] double Estimate,
    [property: JsonPropertyName("discount")] double Discount)
{
    /// <summary>An opportunity for <paramref name="deal"/> priced at <paramref name="estimate"/>.</summary>
    public static Opportunity Of(Deal deal, double estimate) => new(deal, estimate, estimate - deal.Price);
}

/// <summary>
/// A deal read from a feed and its page, as the course's <c>ScrapedDeal</c>: the feed entry's title and snippet summary,
/// and the page's content section split at "Features".
/// </summary>
/// <param name="Title">The feed entry's title.</param>
/// <param name="Summary">The entry's snippet summary as text.</param>
/// <param name="Url">The entry's first link.</param>
/// <param name="Details">The page's content before "Features".</param>
/// <param name="Features">The page's content after "Features" ("" when the page has none).</param>
public sealed record ScrapedDeal(string Title, string Summary, string Url, string Details, string Features)
{
    /// <summary>The text the scanner's model reads, as the course's <c>describe()</c> writes it.</summary>
    public string Describe() => $"Title: {Title}\nDetails: {Details.Trim()}\nFeatures: {Features.Trim()}\nURL: {Url}";

    /// <inheritdoc/>
    public override string ToString() => $"<{Title}>";
}
