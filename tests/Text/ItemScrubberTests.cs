using PricerLib.Text;

namespace PricerLib.Tests.Text;

/// <summary>The course's <c>scrub</c> and <c>scrub_details</c>; every expected value was printed by CPython 3.11.</summary>
public class ItemScrubberTests
{
    [Theory]
    [InlineData("Gas Female Cap ORIFICE 1/8\" NPT # .75 (.5 mm) opening [109-08]",
        "Gas Female Cap ORIFICE 1/8 NPT # .75 (.5 mm) opening 109-08")]
    [InlineData("  {\"Brand\": \"Setpower\"}  ", "Brand Setpower")]
    [InlineData("【Upgraded】 Fits: 2020-2023 models", "Upgraded Fits models")]
    [InlineData("a\n\nb\tc", "a b c")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Scrub_collapses_separators_and_strips(string input, string expected) =>
        Assert.Equal(expected, ItemScrubber.Scrub(input));

    [Fact]
    public void Scrub_uses_pythons_whitespace_set_not_dotnets()
    {
        // U+001C is a Python space (collapsed); U+200B is not (kept inside the word); NBSP and space form one run.
        Assert.Equal("a b\u200Bc d", ItemScrubber.Scrub("a\u001Cb\u200Bc\u00A0 d"));
    }

    [Fact]
    public void Scrub_merges_commas_in_pythons_replace_order()
    {
        // " ," first, then ",,," then ",,": four commas become ",," → ","; five become ",,," → ",," (not ",").
        Assert.Equal("x, y, z, w,, v", ItemScrubber.Scrub("x , y ,,, z ,,,, w ,,,,, v"));
    }

    [Fact]
    public void Scrub_drops_words_of_seven_code_points_with_a_python_digit()
    {
        // B07XYZ12 and ABCDEF1: 7+ with digits, dropped. ABCDE1: 6, kept. 𝐀𝐁𝐂1: 7 UTF-16 units but 4 code points, kept.
        // 𝐀𝐁𝐂𝐃𝐄𝐅1: 7 code points, dropped. abcdef²: the superscript is a Python digit, dropped.
        // Waterproof: long, no digit, kept. 10.875: 6, kept.
        Assert.Equal("ABCDE1 𝐀𝐁𝐂1 Waterproof 10.875",
            ItemScrubber.Scrub("B07XYZ12 ABCDEF1 ABCDE1 𝐀𝐁𝐂1 𝐀𝐁𝐂𝐃𝐄𝐅1 abcdef² Waterproof 10.875"));
    }

    [Fact]
    public void ScrubDetails_removes_in_the_courses_order()
    {
        const string details = "{\"Brand Name\": \"Setpower\", \"Item model number\": \"AJ30 COVER\", " +
            "\"Batteries Included?\": \"No\", \"Best Sellers Rank\": {\"Appliances\": 2346}, " +
            "\"Date First Available\": \"January 15, 2022\", \"Package Dimensions\": \"9 x 3 inches\", " +
            "\"Number of Items\": \"1\", \"Product Dimensions\": \"2 x 2\"}";
        // "Item" goes before "Number of", so "Number of Items" leaves " s".
        Assert.Equal("{\"Brand Name\" \"Setpower\", \" model number\" \"AJ30 COVER\", , \" Rank\" {\"Appliances\" 2346}, " +
            "\" Available\" \"January 15, 2022\", \" Dimensions\" \"9 x 3 inches\", \" s\" \"1\", \"Dimensions\" \"2 x 2\"}",
            ItemScrubber.ScrubDetails(details));
        Assert.Equal("Brand Name Setpower, model number AJ30 COVER, Rank Appliances 2346, Available January 15, 2022, " +
            "Dimensions 9 x 3 inches, s 1, Dimensions 2 x 2", ItemScrubber.Scrub(ItemScrubber.ScrubDetails(details)));
    }

    [Fact]
    public void ScrubDetails_in_place_removes_as_the_chained_replaces_do_where_removals_overlap_and_uncover_others()
    {
        // Pieces of the removals and their ends glued together, so one removal uncovers or splits another.
        string[] atoms = ["Item", "It", "em", ":", "Number", "Num", "ber", " of", "Number of", "Product ", "Product", " ",
            "Package", "Pack", "age", "Date First", "Date", " First", "Best Sellers", "By Manufacturer", "\"Batteries Included?\": \"No\"",
            "\"Batteries Required?\": \"Yes\"", "\"", "?", "x", "𝐀"];
        var random = new Random(4);
        for (int i = 0; i < 5_000; i++)
        {
            string details = string.Concat(Enumerable.Range(0, random.Next(30)).Select(_ => atoms[random.Next(atoms.Length)]));
            Assert.Equal(FirstPortScrubber.ScrubDetails(details), ItemScrubber.ScrubDetails(details));
        }
        Assert.Equal("Item", ItemScrubber.ScrubDetails("ItItemem::Product ")); // one pass per removal, as Python, no second look
    }
}
