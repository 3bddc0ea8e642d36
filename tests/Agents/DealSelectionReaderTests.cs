using PricerLib.Agents;

namespace PricerLib.Tests.Agents;

/// <summary>The checks on the scanner model's structured reply.</summary>
public class DealSelectionReaderTests
{
    private static readonly IReadOnlySet<string> Offered = new HashSet<string> { "http://a/1", "http://a/2", "http://a/3" };

    [Fact]
    public void Good_deals_are_read_in_order()
    {
        var reply = """{"deals": [{"product_description": " A kettle. ", "price": 39.5, "url": "http://a/1"}, {"product_description": "A drill", "price": 99, "url": "http://a/2"}]}""";

        var deals = DealSelectionReader.Read(reply, Offered, reason => Assert.Fail(reason));

        Assert.Equal([new Deal("A kettle.", 39.5, "http://a/1"), new Deal("A drill", 99, "http://a/2")], deals);
    }

    [Theory]
    [InlineData("""{"product_description": "x", "price": "N/A", "url": "http://a/1"}""", "no numeric price (\"N/A\")")]
    [InlineData("""{"product_description": "x", "price": 0, "url": "http://a/1"}""", "price 0, not above 0")]
    [InlineData("""{"product_description": "x", "price": -5, "url": "http://a/1"}""", "not above 0")]
    [InlineData("""{"product_description": "x", "price": 10, "url": "http://elsewhere/9"}""", "http://elsewhere/9, which was not offered")]
    [InlineData("""{"product_description": "", "price": 10, "url": "http://a/1"}""", "no product description")]
    [InlineData("""{"price": 10}""", "has no url")]
    [InlineData("\"just text\"", "not an object")]
    public void A_bad_deal_is_dropped_with_its_reason_and_the_others_kept(string bad, string reason)
    {
        var reply = $$"""{"deals": [{{bad}}, {"product_description": "A drill", "price": 99, "url": "http://a/2"}]}""";
        var reasons = new List<string>();

        var deals = DealSelectionReader.Read(reply, Offered, reasons.Add);

        Assert.Equal("http://a/2", Assert.Single(deals).Url);
        Assert.Contains(reason, Assert.Single(reasons));
    }

    [Fact]
    public void A_deal_selected_twice_is_kept_once()
    {
        var reply = """{"deals": [{"product_description": "a", "price": 1, "url": "http://a/1"}, {"product_description": "b", "price": 2, "url": "http://a/1"}]}""";
        var reasons = new List<string>();

        Assert.Single(DealSelectionReader.Read(reply, Offered, reasons.Add));
        Assert.Contains("selected twice", Assert.Single(reasons));
    }

    [Theory]
    [InlineData("not json at all", "not the DealSelection JSON")]
    [InlineData("""{"items": []}""", "no \"deals\" list")]
    [InlineData("""{"deals": {"url": "x"}}""", "no \"deals\" list")]
    public void A_reply_that_breaks_the_schema_is_a_clear_error(string reply, string message)
    {
        var e = Assert.Throws<DealAgentException>(() => DealSelectionReader.Read(reply, Offered, _ => { }));
        Assert.Contains(message, e.Message);
    }
}
