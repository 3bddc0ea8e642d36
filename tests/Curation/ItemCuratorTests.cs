using PricerLib.Data;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Curation;

/// <summary>
/// The curator on hand-made rows, with the real Llama 3 tokenizer. "red" is one token and " red" another, so
/// <c>Reds(n)</c> is exactly n tokens and lets a test put the 150- and 160-token limits where it wants.
/// </summary>
public class ItemCuratorTests
{
    private const string Question = "How much does this cost to the nearest dollar?\n\n";
    private static readonly Lazy<ItemCurator> SharedCurator =
        new(() => new ItemCurator(Llama3Tokenizer.FromTiktokenFile(Shared.Llama3TokenizerModel)));

    private static ItemCurator Curator()
    {
        _ = Shared.Llama3TokenizerModel; // skips, with a message, where ../shared is absent
        return SharedCurator.Value;
    }

    private static string Reds(int count) => string.Join(' ', Enumerable.Repeat("red", count));

    private static RawProduct Product(string? title = "Widget", string? price = "10.00", string[]? description = null,
        string[]? features = null, string? details = null, string? mainCategory = "Appliances") =>
        new(title, mainCategory, price, description ?? [Reds(300)], features ?? [], details);

    private static Item Kept(CurationOutcome outcome)
    {
        Assert.Null(outcome.Skip);
        return Assert.IsType<Item>(outcome.Item);
    }

    private static void AssertSkipped(SkipReason reason, CurationOutcome outcome)
    {
        Assert.Null(outcome.Item);
        Assert.Equal(reason, outcome.Skip);
    }

    [SkippableFact]
    public void A_row_without_a_title_is_skipped() =>
        AssertSkipped(SkipReason.MissingTitle, Curator().Curate(Product(title: null)));

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_or_empty_price_is_no_price(string? price) =>
        AssertSkipped(SkipReason.NoPrice, Curator().Curate(Product(price: price)));

    [SkippableTheory]
    [InlineData("None")]
    [InlineData("$1,299.00")]
    [InlineData("1,299")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData(" ")]
    public void A_price_python_cannot_parse_is_unparsable(string price) =>
        AssertSkipped(SkipReason.UnparsablePrice, Curator().Curate(Product(price: price)));

    [SkippableTheory]
    [InlineData("-5")]
    [InlineData("1e9")]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("0")]       // a non-empty string is truthy in Python: parsed, then out of range
    [InlineData("0.49")]
    [InlineData("999.50")]
    [InlineData("999.4900001")]
    [InlineData("1_000")]
    public void A_price_outside_the_range_is_skipped(string price) =>
        AssertSkipped(SkipReason.PriceOutOfRange, Curator().Curate(Product(price: price)));

    [SkippableTheory]
    [InlineData("0.50", "0")]      // kept, and round(0.5) is 0
    [InlineData("0.5000", "0")]
    [InlineData("1.5", "2")]
    [InlineData("2.5", "2")]       // half to even
    [InlineData("3.5", "4")]
    [InlineData("65.99", "66")]
    [InlineData("999.49", "999")]
    [InlineData(" 12 ", "12")]
    [InlineData("1_2", "12")]
    [InlineData("١٢", "12")]
    public void The_prompt_ends_with_the_half_to_even_rounded_price(string price, string rounded)
    {
        var item = Kept(Curator().Curate(Product(price: price)));
        Assert.EndsWith($"\n\nPrice is ${rounded}.00", item.Prompt);
    }

    [SkippableFact]
    public void Contents_of_300_characters_are_too_few_and_301_are_enough()
    {
        var curator = Curator();
        // description lines joined by '\n', plus a trailing '\n': 150 + 1 + 149 + 1 = 301.
        Kept(curator.Curate(Product(title: Reds(160), description: [new string('a', 150), new string('b', 149)])));
        AssertSkipped(SkipReason.TooFewCharacters,
            curator.Curate(Product(title: Reds(160), description: [new string('a', 150), new string('b', 148)])));
    }

    [SkippableFact]
    public void Features_and_details_each_add_a_newline_and_empty_parts_add_none()
    {
        var curator = Curator();
        // "" + features 149 + '\n' + details 150 + '\n' = 301; the empty description line adds nothing.
        Kept(curator.Curate(Product(title: Reds(160), description: [""], features: [new string('f', 149)], details: new string('d', 150))));
        AssertSkipped(SkipReason.TooFewCharacters,
            curator.Curate(Product(title: Reds(160), description: [""], features: [new string('f', 149)], details: new string('d', 149))));
    }

    [SkippableFact]
    public void Details_are_measured_after_the_removals()
    {
        // 298 + '\n' + "" (ItemItemItem removed) + '\n' = 300: too few, although the raw details are 12 characters.
        AssertSkipped(SkipReason.TooFewCharacters,
            Curator().Curate(Product(title: Reds(160), description: [new string('x', 298)], details: "ItemItemItem")));
    }

    [SkippableFact]
    public void Characters_are_counted_in_code_points()
    {
        var curator = Curator();
        // 299 mathematical bold letters are 598 UTF-16 units but 299 Python characters; with the '\n', 300.
        AssertSkipped(SkipReason.TooFewCharacters, curator.Curate(Product(description: [string.Concat(Enumerable.Repeat("𝐀", 299))])));
        Kept(curator.Curate(Product(description: [string.Concat(Enumerable.Repeat("𝐀", 300))])));
    }

    [SkippableFact]
    public void A_text_of_150_tokens_is_too_short_and_151_is_kept()
    {
        var curator = Curator();
        // 301 colons pass the character filter and scrub away: the text is the title, '\n' and nothing else.
        string colons = new(':', 301);
        AssertSkipped(SkipReason.TooFewTokens, curator.Curate(Product(title: Reds(149), description: [colons])));
        var item = Kept(curator.Curate(Product(title: Reds(150), description: [colons], price: "7")));
        Assert.Equal($"{Question}{Reds(150)}\n\n\nPrice is $7.00", item.Prompt);
    }

    [SkippableFact]
    public void Contents_are_cut_at_1120_code_points_before_scrubbing()
    {
        // Characters 1114..1119 are "xy1234": cut there, the 6-character word survives the digit filter that the
        // whole word "xy12345" (7 characters) would fail; "tail" lies past the cut.
        string contents = new string(':', 1113) + " xy12345 tail";
        var item = Kept(Curator().Curate(Product(title: Reds(150), description: [contents], price: "3")));
        Assert.Equal($"{Question}{Reds(150)}\nxy1234\n\nPrice is $3.00", item.Prompt);
    }

    [SkippableFact]
    public void The_1120_cut_counts_a_character_outside_the_bmp_once()
    {
        // The emoji is one code point but two UTF-16 units: a UTF-16 cut would keep "xy123" instead of "xy1234".
        string contents = "😀" + new string(':', 1112) + " xy12345 tail";
        var item = Kept(Curator().Curate(Product(title: Reds(150), description: [contents], price: "3")));
        Assert.Equal($"{Question}{Reds(150)}\n😀 xy1234\n\nPrice is $3.00", item.Prompt);
    }

    [SkippableFact]
    public void The_text_keeps_160_tokens_and_a_character_cut_in_half_becomes_a_replacement_character()
    {
        // 158 title tokens + '\n' = 159; the flamingo is three byte-level tokens, so the 160th is part of it.
        var item = Kept(Curator().Curate(Product(title: Reds(158), description: ["🦩 " + Reds(300)], price: "5")));
        Assert.Equal($"{Question}{Reds(158)}\n\uFFFD\n\nPrice is $5.00", item.Prompt);
    }

    [SkippableFact]
    public void Decoding_cleans_up_spaces_as_hugging_face_does()
    {
        // Expected value printed by the course's scrub and Hugging Face's clean_up_tokenization in CPython.
        const string title = "Clown Run ! Is it ? Don n't Stop , It 's a ' quote ' I 'm we 've they 're done .";
        var item = Kept(Curator().Curate(Product(title: title)));
        Assert.StartsWith($"{Question}Clown Run! Is it? Donn't Stop, It's a'quote'I'm we've they're done.\nred red", item.Prompt);
    }

    [SkippableFact]
    public void The_title_is_scrubbed_in_the_prompt_and_kept_raw_on_the_item()
    {
        const string title = "Gas Cap [109-08] \"NPT\" B07XYZ123 Brass";
        var item = Kept(Curator().Curate(Product(title: title)));
        Assert.StartsWith($"{Question}Gas Cap 109-08 NPT Brass\n", item.Prompt);
        Assert.Equal(title, item.Title);
    }

    [SkippableFact]
    public void The_item_carries_price_details_category_token_count_and_test_prompt()
    {
        var curator = Curator();
        const string details = "{\"Brand\": \"Acme\", \"Item Weight\": \"2 pounds\"}";
        var item = Kept(curator.Curate(Product(price: "19.99", details: details, mainCategory: "Appliances")));
        Assert.Equal(19.99, item.Price);
        Assert.Equal(details, item.Details);
        Assert.Equal("Appliances", item.Category);
        Assert.Equal(curator.Tokenizer.CountTokens(item.Prompt), item.TokenCount);
        Assert.Equal(item.Prompt[..(item.Prompt.IndexOf("Price is $", StringComparison.Ordinal) + "Price is $".Length)], item.TestPrompt);
        Assert.EndsWith("\n\nPrice is $", item.TestPrompt);

        Assert.Equal("Electronics", Kept(curator.Curate(Product(mainCategory: "Appliances"), category: "Electronics")).Category);
        Assert.Null(Kept(curator.Curate(Product(mainCategory: null))).Category);
    }

    [SkippableFact]
    public void Description_features_and_details_appear_in_order_as_one_scrubbed_line()
    {
        var item = Kept(Curator().Curate(Product(title: "T", description: ["Desc one.", "Desc two"], features: ["Feat"],
            details: "{\"Brand\": \"Acme\", \"Date First Available\": \"May 1\"}\n" + Reds(300))));
        Assert.StartsWith($"{Question}T\nDesc one. Desc two Feat Brand Acme, Available May 1 red red", item.Prompt);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Parallel_curation_gives_the_sequential_results()
    {
        var curator = Curator();
        var products = Enumerable.Range(0, 64)
            .Select(i => Product(title: $"Item {i} " + Reds(i), price: $"{i}.5", description: [Reds(100 + 5 * i)]))
            .ToArray();
        var sequential = products.Select(p => curator.Curate(p)).ToArray();
        var parallel = new CurationOutcome[products.Length];
        Parallel.For(0, products.Length, i => parallel[i] = curator.Curate(products[i]));
        Assert.Equal(sequential, parallel);
        Assert.Contains(sequential, o => o.Item is not null);
        Assert.Contains(sequential, o => o.Skip is not null);
    }
}
