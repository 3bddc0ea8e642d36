using System.Text.Json;
using PricerLib.Data;
using PricerLib.Tests.Support;
using PricerLib.Tests.Tokenization;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Curation;

/// <summary>
/// The fast curation path against the baseline: the same items (prompt and token count included) or the same skip,
/// on raw rows rebuilt from the shared items and on generated adversarial text.
/// </summary>
public sealed class CurationPathTests
{
    private const string Question = "How much does this cost to the nearest dollar?\n\n";

    private static readonly Lazy<RawProduct[]> SharedRows = new(() => File.ReadLines(Shared.Items).Select(Rebuild).ToArray());

    /// <summary>A raw row from a shared item, as <c>bench curate --real</c> makes it: the prompt's text lines as the description.</summary>
    private static RawProduct Rebuild(string line)
    {
        using var json = JsonDocument.Parse(line);
        var row = json.RootElement;
        string prompt = row.GetProperty("prompt").GetString()!;
        string text = prompt[Question.Length..prompt.LastIndexOf("\n\nPrice is $", StringComparison.Ordinal)];
        return new RawProduct(row.GetProperty("title").GetString(), row.GetProperty("category").GetString(),
            row.GetProperty("price").GetRawText(), text.Split('\n')[1..], [], row.GetProperty("details").GetString());
    }

    private static (ItemCurator Baseline, ItemCurator Fast) Curators()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        return (new ItemCurator(tokenizer, CurationPath.Baseline), new ItemCurator(tokenizer, CurationPath.Fast));
    }

    private static void AssertSameOutcome(ItemCurator baseline, ItemCurator fast, RawProduct product)
    {
        var expected = baseline.Curate(product);
        var actual = fast.Curate(product);
        Assert.Equal(expected.Skip, actual.Skip);
        Assert.Equal(expected.Item, actual.Item);
    }

    [SkippableFact]
    public void Every_eighth_shared_row_curates_to_the_same_item_on_both_paths()
    {
        var (baseline, fast) = Curators();
        var rows = SharedRows.Value;
        Parallel.For(0, (rows.Length + 7) / 8, i => AssertSameOutcome(baseline, fast, rows[8 * i]));
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Every_shared_row_curates_to_the_same_item_on_both_paths_with_the_prompt_counted_exactly()
    {
        var (baseline, fast) = Curators();
        Parallel.ForEach(SharedRows.Value, row =>
        {
            AssertSameOutcome(baseline, fast, row);
            if (fast.Curate(row).Item is { } item) Assert.Equal(Llama3Fixture.Tokenizer.CountTokens(item.Prompt), item.TokenCount);
        });
    }

    [SkippableFact]
    public void Adversarial_rows_curate_to_the_same_item_on_both_paths()
    {
        // Texts that start with a line break (an empty title), end in punctuation, emoji, lone surrogates, digits or
        // letters outside the BMP, so the prompt is counted from its parts in some and encoded whole in others.
        var (baseline, fast) = Curators();
        var corpus = AdversarialText.Corpus(count: 8_000, maxAtoms: 40, seed: 3).ToArray();
        string[] titles = ["", "Widget", "Bold 𝐁", "2-PACK 100%", "\n", "it's"];
        string[] endings = ["", ".", " 𝟏", "😀", "\uD835", " word", "<|eot_id|>", "'s", "\r\n", "99"];
        Parallel.For(0, corpus.Length / 40, i =>
        {
            var description = corpus.AsSpan(i * 40, 40).ToArray();
            // Short variants end the text in the ending itself; long ones are cut mid-way.
            var product = new RawProduct(titles[i % titles.Length], null, $"{i % 900 + 1}.49",
                i % 2 == 0 ? [string.Concat(description) + endings[i % endings.Length]] : description, [], null);
            AssertSameOutcome(baseline, fast, product);
        });
    }

    [SkippableFact]
    public void A_short_text_ending_in_each_kind_of_character_gets_the_exact_count()
    {
        var (_, fast) = Curators();
        // Just over 150 tokens ("red" is one token, " red" another), so the whole text, its ending included, is kept.
        string reds = string.Join(' ', Enumerable.Repeat("red", 151));
        foreach (var ending in new[] { "", ".", " 𝟏", "😀", "\uD835", "ſ", "<|eot_id|>", "'s", " 123", "日本" })
            foreach (var title in new[] { "Widget", "" })
            {
                var item = fast.Curate(new RawProduct(title, null, "10", [reds + ending], [], null)).Item!;
                Assert.Equal(Llama3Fixture.Tokenizer.CountTokens(item.Prompt), item.TokenCount);
            }
    }
}
