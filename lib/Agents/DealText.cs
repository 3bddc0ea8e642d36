using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PricerLib.Agents;

/// <summary>
/// The text of deal feeds and pages as the course's <c>deals.py</c> takes it with BeautifulSoup, here with AngleSharp's
/// HTML5 parser: the snippet summary of a feed entry, and a page's content section split at "Features".
/// </summary>
public static class DealText
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// The course's <c>extract()</c>: the text of the snippet's <c>div.snippet.summary</c> (each piece trimmed and
    /// joined, as <c>get_text(strip=True)</c>), parsed once more so escaped tags inside it go too, newlines as spaces.
    /// Where there is no such div the course passes the raw HTML on; this passes its text (no markup reaches the model).
    /// </summary>
    public static string Summary(string htmlSnippet)
    {
        var document = Parser.ParseDocument(htmlSnippet);
        var snippet = document.QuerySelector("div.snippet.summary");
        string text = snippet is null
            ? document.Body?.TextContent ?? ""
            : Parser.ParseDocument(StrippedText(snippet)).Body?.TextContent ?? "";
        return text.Trim().Replace('\n', ' ');
    }

    /// <summary>
    /// A deal page's <c>div.content-section</c> text with "\nmore" removed and newlines as spaces, split at the first
    /// "Features" into details and features (the course's <c>split</c> fails on a second "Features"; the first wins
    /// here). Null when the page has no content section (the course fails there; the scanner skips the deal).
    /// </summary>
    public static (string Details, string Features)? PageContent(string html)
    {
        var section = Parser.ParseDocument(html).QuerySelector("div.content-section");
        if (section is null) return null;
        var content = section.TextContent.Replace("\nmore", "", StringComparison.Ordinal).Replace('\n', ' ');
        int at = content.IndexOf("Features", StringComparison.Ordinal);
        return at < 0 ? (content, "") : (content[..at], content[(at + "Features".Length)..]);
    }

    private static string StrippedText(IElement element) =>
        string.Concat(element.Descendants<IText>().Select(t => t.Data.Trim()));
}
