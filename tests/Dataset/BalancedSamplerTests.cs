using PricerLib.Data;
using PricerLib.Data.Dataset;

namespace PricerLib.Tests.Dataset;

public class BalancedSamplerTests
{
    [Fact]
    public void A_slot_of_240_dollars_or_more_is_kept_whole_however_big()
    {
        var items = TestItems.Many("dear", 1_500, 240, "Electronics").ToList();
        var sample = BalancedSampler.Sample(items);
        Assert.Equal(items, sample.Items);
        Assert.Equal(0, sample.CappedSlots);
    }

    [Fact]
    public void A_cheap_slot_of_at_most_1200_items_is_kept_whole_in_order()
    {
        var items = TestItems.Many("cheap", 1_200, 10, "Automotive").ToList();
        Assert.Equal(items, BalancedSampler.Sample(items).Items);
    }

    [Fact]
    public void A_big_cheap_slot_gives_exactly_1200_distinct_items_with_automotive_under_weighted()
    {
        var items = TestItems.Many("car", 1_500, 20, "Automotive")
            .Concat(TestItems.Many("gadget", 1_500, 19.6, "Electronics")).ToList();
        var sample = BalancedSampler.Sample(items, seed: 42);

        Assert.Equal(1_200, sample.Items.Count);
        Assert.Equal(1_200, sample.Items.Distinct().Count());
        Assert.Equal(1, sample.CappedSlots);
        Assert.Equal(1_800, sample.NotDrawn);
        // Successive draws with weights 1 vs 5 take ~267 Automotive items (σ ≈ 13); unweighted would take ~600.
        int automotive = sample.Items.Count(i => i.Category == "Automotive");
        Assert.InRange(automotive, 200, 340);
    }

    [Fact]
    public void Sampling_is_reproducible_with_a_seed_and_differs_with_another()
    {
        var items = TestItems.Many("car", 2_000, 5, "Automotive").Concat(TestItems.Many("toy", 2_000, 5, "Toys_and_Games")).ToList();
        var first = BalancedSampler.Sample(items, seed: 7).Items;
        Assert.Equal(first, BalancedSampler.Sample(items, seed: 7).Items);
        Assert.NotEqual(first, BalancedSampler.Sample(items, seed: 8).Items);
    }

    [Fact]
    public void Slots_follow_python_rounding_and_prices_outside_1_to_999_are_counted_as_dropped()
    {
        double[] prices = [999.49, 2.5, 0.4, 0.5, 1.5, 999.5, 1e9, 3.2];
        var items = prices.Select((p, i) => TestItems.Make($"item {i}", p)).ToList();
        var sample = BalancedSampler.Sample(items);
        // Half-to-even: 0.5 → 0 and 999.5 → 1000 are in no slot (nor 0.4 and 1e9); 1.5 and 2.5 both go to slot 2.
        Assert.Equal(4, sample.OutsideSlots);
        Assert.Equal([2.5, 1.5, 3.2, 999.49], sample.Items.Select(i => i.Price)); // by slot, input order within one
        Assert.Equal(items.Count, sample.Considered);
    }
}

public class WeightedSamplingTests
{
    [Fact]
    public void The_first_draw_is_proportional_to_the_weights()
    {
        var random = new Random(1);
        int heavy = Enumerable.Range(0, 6_000).Count(_ => WeightedSampling.WithoutReplacement([1, 5], 1, random)[0] == 1);
        Assert.InRange(heavy, 5_000 - 100, 5_000 + 100); // expectation 5,000, σ ≈ 29
    }

    [Fact]
    public void Later_draws_are_proportional_to_the_remaining_weights()
    {
        // P(draw 2 then 1) = 3/6 · 2/3 = 1/3; P(draw 0 then 2) = 1/6 · 3/5 = 1/10.
        var random = new Random(3);
        var pairs = Enumerable.Range(0, 9_000).Select(_ => WeightedSampling.WithoutReplacement([1, 2, 3], 2, random)).ToList();
        Assert.InRange(pairs.Count(p => p is [2, 1]), 3_000 - 150, 3_000 + 150);
        Assert.InRange(pairs.Count(p => p is [0, 2]), 900 - 100, 900 + 100);
    }

    [Fact]
    public void Zero_weights_are_never_drawn_and_every_positive_one_is_when_all_are_asked_for()
    {
        long[] weights = [0, 3, 0, 1, 7, 0, 2];
        var drawn = WeightedSampling.WithoutReplacement(weights, 4, new Random(5));
        Assert.Equal([1, 3, 4, 6], drawn.Order());
        Assert.Throws<ArgumentException>(() => WeightedSampling.WithoutReplacement(weights, 5, new Random(5)));
    }
}
