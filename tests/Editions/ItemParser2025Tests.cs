using System.Text.Json;
using PricerLib.Data;
using PricerLib.Editions;

namespace PricerLib.Tests.Editions;

/// <summary>
/// The 2025 course's <c>parser.py</c>, row by row. Expected texts and weights were printed by CPython 3.11 running the
/// course's own <c>parser.py</c> (109b683e7) on the same rows: they are the reference, not made up here.
/// </summary>
public sealed class ItemParser2025Tests
{
    private static readonly string Padding = string.Concat(Enumerable.Repeat("A sturdy widget for every kitchen. ", 20));

    private static RawProduct Product(string? price = "19.99", string? title = "Widget", IReadOnlyList<string>? description = null,
        IReadOnlyList<string>? features = null, string? details = "{}") =>
        new(title, "Home", price, description ?? [Padding], features ?? [], details);

    private static JsonElement Details(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Scrub_writes_the_lists_as_python_reprs_drops_the_removals_and_keeps_json_dumps_of_the_rest()
    {
        var full = ItemParser2025.Scrub("Widget", ["It's a \"big\" one", "Line\ttwo\nthree"], ["Fast  and\u00a0quiet", "caf\u00e9 \u200b"],
            Details("""{"Brand": "Acme", "Part Number": "X", "Item Weight": "2 pounds", "Best Sellers Rank": {"Tools": 3}}"""));

        Assert.Equal("Widget\n['It\\'s a \"big\" one', 'Line\\ttwo\\nthree']\n['Fast and\\xa0quiet', 'caf\u00e9 \\u200b']\n{\"Brand\": \"Acme\", \"Item Weight\": \"2 pounds\"}", full);
    }

    [Fact]
    public void Part_numbers_go_where_a_capital_and_a_digit_follow_on_the_line_with_pythons_word_boundaries()
    {
        var full = ItemParser2025.Scrub("Model ABC1234X fits",
            ["1234567 and later CAPITAL", "1234567\nCAPITAL", "ABCDEFG1a", "\u00c9ABCDEFG1", "\u00b2ABCDEFG1", "_ABCDEFG1", "ABC123 Z9", "XYZ98765"], [], Details("{}"));

        // '²' is a word character to Python (isdigit) but not to .NET's \w: the run after it stays.
        Assert.Equal("Model  fits\n[' and later ', '\\nCAPITAL', 'ABCDEFG1a', '\u00c9ABCDEFG1', '\u00b2ABCDEFG1', '_ABCDEFG1', 'ABC123 Z9', '']", full);
    }

    [Fact]
    public void Simplify_escapes_controls_lone_surrogates_and_backslashes_as_repr_does()
    {
        Assert.Equal("['a\\x01b', '\ud835\udc00 \\ud800', 'back\\\\slash', '\"dq\"']", ItemParser2025.Simplify(["a\u0001b", "\ud835\udc00 \ud800", "back\\slash", "\"dq\""]));
    }

    [Theory]
    [InlineData("2 pounds", 2.0)]
    [InlineData("32 ounces", 2.0)]
    [InlineData("453.592 grams", 1.0)]
    [InlineData("1 kilograms", 2.2046244201837775)]
    [InlineData("150 hundredths pounds", 1.5)]
    [InlineData("5 Pounds", 5.0)]
    [InlineData("5 stone", 0.0)]
    [InlineData("1e3 milligrams", 0.0022046244201837776)]
    [InlineData("2  pounds", 0.0)]
    [InlineData("", 0.0)]
    public void Weights_convert_to_pounds_as_get_weight_does(string text, double pounds)
    {
        Assert.True(ItemParser2025.TryGetWeight(Details(JsonSerializer.Serialize(new Dictionary<string, string> { ["Item Weight"] = text })), out var weight));
        Assert.Equal(pounds, weight);
    }

    [Theory]
    [InlineData("""{"Item Weight": "5"}""")]
    [InlineData("""{"Item Weight": "heavy pounds"}""")]
    [InlineData("""{"Item Weight": "3 hundredths"}""")]
    [InlineData("""{"Item Weight": 12}""")]
    [InlineData("""{"Item Weight": "nan pounds"}""")]
    public void A_weight_the_course_would_crash_on_is_a_counted_skip(string details)
    {
        Assert.Equal(SkipReason.UnreadableWeight, ItemParser2025.Parse(Product(details: details), "Home").Skip);
    }

    [Theory]
    [InlineData("None", SkipReason.UnparsablePrice)]
    [InlineData("$12", SkipReason.UnparsablePrice)]
    [InlineData(null, SkipReason.NoPrice)]
    [InlineData("0.49", SkipReason.PriceOutOfRange)]
    [InlineData("999.5", SkipReason.PriceOutOfRange)]
    [InlineData("nan", SkipReason.PriceOutOfRange)]
    public void Prices_outside_the_courses_range_or_unreadable_are_counted_skips(string? price, SkipReason reason)
    {
        Assert.Equal(reason, ItemParser2025.Parse(Product(price: price), "Home").Skip);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("999.49")]
    public void The_price_range_is_inclusive(string price)
    {
        Assert.NotNull(ItemParser2025.Parse(Product(price: price), "Home").Item);
    }

    [Fact]
    public void Short_texts_missing_titles_and_details_that_are_not_an_object_are_counted_skips()
    {
        Assert.Equal(SkipReason.TooShortFullText, ItemParser2025.Parse(Product(description: ["Too short."]), "Home").Skip);
        Assert.Equal(SkipReason.MissingTitle, ItemParser2025.Parse(Product(title: null), "Home").Skip);
        Assert.Equal(SkipReason.UnreadableDetails, ItemParser2025.Parse(Product(details: "[1, 2]"), "Home").Skip);
        Assert.Equal(SkipReason.UnreadableDetails, ItemParser2025.Parse(Product(details: null), "Home").Skip);
    }

    [Fact]
    public void A_kept_row_is_a_raw_2025_item_with_its_category_full_text_and_weight_and_no_prompt_yet()
    {
        var item = ItemParser2025.Parse(Product(details: """{"Item Weight": "8 ounces"}"""), "Appliances").Item!;

        Assert.Equal(("Widget", "Appliances", 19.99, 0.5, ""), (item.Title, item.Category, item.Price, item.Weight!.Value, item.Prompt));
        Assert.StartsWith("Widget\n['A sturdy widget", item.Full);
        Assert.True(item.Full!.Length >= ItemParser2025.MinChars);
        Assert.Null(item.Summary);
    }
}
