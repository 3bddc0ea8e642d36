using PricerLib.Agents;

namespace PricerLib.Tests.Agents;

/// <summary>deals.py's text extraction: the snippet summary and the page's content section split at "Features".</summary>
public class DealTextTests
{
    [Fact]
    public void The_summary_is_the_snippet_div_text_pieces_trimmed_and_joined_as_get_text_strip_does()
    {
        var snippet = "<div class=\"snippet summary\" title=\"x\">\n  Save on a <b>kettle</b> today.\n</div><div class=\"store\">Amazon</div>";

        // BeautifulSoup's get_text(strip=True) trims each text piece and joins them with nothing, as here.
        Assert.Equal("Save on akettletoday.", DealText.Summary(snippet));
    }

    [Fact]
    public void Escaped_tags_inside_the_snippet_are_removed_too()
    {
        var snippet = "<div class=\"snippet summary\">Deal &lt;a href=\"x\"&gt;here&lt;/a&gt; now</div>";

        Assert.Equal("Deal here now", DealText.Summary(snippet));
    }

    [Fact]
    public void Without_a_snippet_div_the_text_of_the_whole_snippet_is_used()
    {
        Assert.Equal("Plain deal text", DealText.Summary("<p>Plain deal</p>\n<p>text</p>").Replace("  ", " "));
    }

    [Fact]
    public void The_page_content_splits_at_the_first_Features_without_the_more_links()
    {
        var page = "<html><body><div class=\"content-section\">Great kettle\nmore\nFeatures\nboils fast\nFeatures again</div></body></html>";

        var (details, features) = DealText.PageContent(page)!.Value;

        Assert.Equal("Great kettle ", details);
        Assert.Equal(" boils fast Features again", features);
    }

    [Fact]
    public void A_page_without_Features_has_details_only_and_one_without_the_section_has_nothing()
    {
        Assert.Equal(("Just details", ""), DealText.PageContent("<div class=\"content-section\">Just details</div>"));
        Assert.Null(DealText.PageContent("<html><body><p>Moved</p></body></html>"));
    }
}
