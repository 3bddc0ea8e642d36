using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Local;
using PricerLib.Pricers;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Local;

/// <summary>
/// Week 7's 2025 prompt for the base model (<c>make_prompts(tokenizer, 110, …)</c> then <c>test_prompt()</c>) with the
/// real Llama 3 tokenizer, and the <c>remote</c> and <c>llama</c> kinds asking with it.
/// </summary>
public sealed class LlamaPrompt2025Tests
{
    private static readonly string LongSummary = string.Join(" ", Enumerable.Range(1, 80).Select(i => $"feature{i} works well,")) + "   ";

    private static Item Summarised(string summary, double price = 40) => TestItems.Make("Kettle", price) with { Summary = summary };

    [SkippableFact]
    public void A_long_summary_is_cut_to_110_llama_3_tokens_and_ends_right_after_price_is()
    {
        var tokenizer = Llama3Tokenizer.FromTiktokenFile(Shared.Llama3TokenizerModel);
        var prompt = LlamaPrompt.Course2025(tokenizer);

        string text = prompt.For(Summarised(LongSummary));
        string shortText = prompt.For(Summarised("Title: Kettle\nBrand: Acme  "));

        const string head = "What does this cost to the nearest dollar?\n\n", tail = "\n\nPrice is $";
        Assert.StartsWith(head, text);
        Assert.EndsWith(tail, text);
        string cut = text[head.Length..^tail.Length];
        Assert.Equal(tokenizer.Decode(tokenizer.Encode(LongSummary).Take(110)).TrimEnd(), cut);
        Assert.StartsWith(cut, LongSummary);
        Assert.True(tokenizer.Encode(LongSummary).Count > 110);
        Assert.InRange(tokenizer.Encode(cut).Count, 100, 110);
        // Short summaries go in whole, trailing spaces and all (the course strips only what it cut).
        Assert.Equal(head + "Title: Kettle\nBrand: Acme  " + tail, shortText);
    }

    [Fact]
    public void The_cl100k_fallback_is_refused_and_an_item_without_a_summary_is_a_clear_error()
    {
        var e = Assert.Throws<LocalModelException>(() => LlamaPrompt.Course2025(new Cl100kFallback()));
        Assert.Contains("pricer download-tokenizer", e.Message);
        Assert.Equal(TestItems.Make("Kettle", 40).TestPrompt, LlamaPrompt.Course2024.For(TestItems.Make("Kettle", 40)));
    }

    [SkippableFact]
    public async Task The_remote_kind_sends_the_2025_prompt_in_a_2025_workbook()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.Enqueue(ServerReply.Text("42"));
        var settings = new WorkbookSettings { Cache = Path.GetTempPath(), Edition = CourseEdition.Course2025, Tokenizer = Shared.Llama3TokenizerModel };
        await using var pricer = await WorkbookPricers.Create(settings).CreateAsync("remote:pricer",
            new Dictionary<string, string?> { ["base-url"] = server.BaseUrl.AbsoluteUri, ["method"] = "greedy", ["max-tokens"] = "5" });

        var guess = await pricer.PriceAsync(Summarised("Title: Kettle\nBrand: Acme"));

        Assert.Equal(42, guess.Price);
        var body = Assert.Single(server.Requests).Json!;
        Assert.Equal("What does this cost to the nearest dollar?\n\nTitle: Kettle\nBrand: Acme\n\nPrice is $", (string?)body["prompt"]);
        Assert.Equal(5, (int)body["max_tokens"]!);
        Assert.Equal("2025", pricer.Details.Parameters["prompt"]);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public async Task The_llama_kind_prices_2025_items_and_fails_an_item_without_a_summary_alone()
    {
        var settings = new WorkbookSettings { Cache = Path.GetTempPath(), Edition = CourseEdition.Course2025, Tokenizer = Shared.Llama3TokenizerModel };
        await using var pricer = (IBatchPricer)await WorkbookPricers.Create(settings).CreateAsync("llama:" + Shared.StoriesGguf,
            new Dictionary<string, string?> { ["method"] = "greedy", ["parallel"] = "2", ["context"] = "512" });
        Item[] items = [Summarised(LongSummary), TestItems.Make("Old kettle", 40), Summarised("Title: Lamp")];

        var results = new List<PricedItem>();
        await foreach (var result in pricer.PriceManyAsync(items, 2)) results.Add(result);

        Assert.Equal(3, results.Count);
        Assert.Contains("'Old kettle' has no summary", Assert.Single(results, r => r.Error is not null).Error);
        Assert.Equal([0, 2], results.Where(r => r.Guess is not null).Select(r => r.Index).Order());
        Assert.Equal("2025", pricer.Details.Parameters["prompt"]);
    }
}
