using PricerLib.Data;
using PricerLib.Local;
using PricerLib.Pricers;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class LlamaPricerTests
{
    private static readonly List<Item> Items =
    [
        TestItems.Make("Once upon a time there was a big red toy car", 12),
        TestItems.Make("A little girl had a pretty blue dress", 30),
        TestItems.Make("The dog ran to the park with a ball", 7),
        TestItems.Make("Tom and Lily found a shiny box in the garden", 99),
        TestItems.Make("A happy bird sang in the tree", 3),
    ];

    private static async Task<LlamaPricer> Create(string cache, params (string Name, string? Value)[] options) =>
        (LlamaPricer)await WorkbookPricers.Create(new WorkbookSettings { Cache = cache })
            .CreateAsync("llama:" + Shared.StoriesGguf, options.ToDictionary(o => o.Name, o => o.Value));

    private static async Task<PricedItem[]> PriceAll(IBatchPricer pricer, int maxInFlight)
    {
        var results = new List<PricedItem>();
        await foreach (var r in pricer.PriceManyAsync(Items, maxInFlight)) results.Add(r);
        return results.OrderBy(r => r.Index).ToArray();
    }

    [SkippableTheory]
    [InlineData("weighted")]
    [InlineData("greedy")]
    public async Task Batched_and_one_at_a_time_guesses_agree_and_keep_item_order(string method)
    {
        using var dir = new TempDir();
        await using var batched = await Create(dir.File("a"), ("method", method), ("parallel", "4"), ("context", "64"));
        await using var single = await Create(dir.File("b"), ("method", method), ("parallel", "1"), ("context", "64"));
        var together = await PriceAll(batched, 4);
        var alone = await PriceAll(single, 1);
        Assert.Equal(Enumerable.Range(0, Items.Count), together.Select(r => r.Index));
        for (int i = 0; i < Items.Count; i++)
        {
            double a = together[i].Guess!.Price, b = alone[i].Guess!.Price;
            Assert.True(Math.Abs(a - b) <= 1e-3 * Math.Max(1, Math.Abs(b)), $"item {i}: {a} batched, {b} alone");
            if (method == "greedy") Assert.Equal(alone[i].Guess!.Reply, together[i].Guess!.Reply);
        }
        Assert.Equal("CPU", batched.Details.Parameters["backend"]);
        Assert.Contains("CPU", batched.Details.Parameters["devices"]);
        Assert.Equal(method, batched.Details.Parameters["method"]);
    }

    [SkippableFact]
    public async Task A_weighted_guess_is_the_mean_of_the_top_tokens_read_as_numbers()
    {
        using var dir = new TempDir();
        await using var pricer = await Create(dir.Path, ("top-k", "20"));
        foreach (var item in Items)
        {
            var candidates = await pricer.NextTokensAsync(item.TestPrompt, 20);
            var guess = await pricer.PriceAsync(item);
            Assert.Equal(NextTokenMath.WeightedPrice(candidates), guess.Price, 9);
            Assert.Contains(candidates[0].Text.Trim(), guess.Reply);
        }
    }

    [SkippableFact]
    public async Task Guesses_are_cached_per_configuration_and_prompt()
    {
        using var dir = new TempDir();
        PriceGuess first;
        await using (var pricer = await Create(dir.Path, ("method", "greedy")))
        {
            first = await pricer.PriceAsync(Items[0]);
            Assert.Equal(1, pricer.Cache!.Count);
        }
        await using (var again = await Create(dir.Path, ("method", "greedy"), ("parallel", "2")))
        {
            Assert.Equal(1, again.Cache!.Count); // parallel does not change guesses, so it shares the cache
            Assert.Equal(first, await again.PriceAsync(Items[0]));
        }
        await using var weighted = await Create(dir.Path, ("method", "weighted"));
        Assert.Equal(0, weighted.Cache!.Count);
    }

    [SkippableFact]
    public async Task Prompts_longer_than_the_context_fail_that_item_only()
    {
        using var dir = new TempDir();
        await using var pricer = await Create(dir.Path, ("context", "24"), ("parallel", "2"));
        var results = await PriceAll(pricer, 2);
        Assert.Contains(results, r => r.Error is not null && r.Error.Contains("--context 24"));
        Assert.Equal(Items.Count, results.Length);
    }

    [SkippableFact]
    public async Task A_missing_model_is_a_clear_error()
    {
        using var dir = new TempDir();
        var e = await Assert.ThrowsAsync<LocalModelException>(async () =>
            await WorkbookPricers.Create(new WorkbookSettings { Cache = dir.Path }).CreateAsync("llama:" + dir.File("none.gguf")));
        Assert.Contains("does not exist", e.Message);
    }
}
