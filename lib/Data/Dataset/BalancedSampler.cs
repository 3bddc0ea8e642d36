namespace PricerLib.Data.Dataset;

/// <summary>
/// The course's balanced sampling (week 6, day 2): items go into slots by their price rounded half-to-even, for
/// $1 – $999; a slot of $240 or more is kept whole, a cheaper slot of at most 1,200 items is kept whole, and a larger
/// one gives 1,200 items drawn without replacement, Automotive weighted 1 and every other category 5.
/// </summary>
/// <remarks>
/// Seeded and reproducible, and the same algorithm as the course, but not bit-identical with it: draws come from
/// <see cref="System.Random"/>, not numpy's Mersenne Twister, so a seed picks a different (equally valid) sample.
/// As in the course, one random stream serves every slot in price order.
/// </remarks>
public static class BalancedSampler
{
    /// <summary>The cheapest slot ($1).</summary>
    public const int FirstSlot = 1;
    /// <summary>The dearest slot ($999).</summary>
    public const int LastSlot = 999;
    /// <summary>Slots from this price up are kept whole.</summary>
    public const int KeepWholeFrom = 240;
    /// <summary>A cheaper slot with more items than this is cut to this many.</summary>
    public const int SlotCap = 1200;
    /// <summary>Draw weight of an Automotive item (the course's over-represented category).</summary>
    public const long AutomotiveWeight = 1;
    /// <summary>Draw weight of every other item.</summary>
    public const long OtherWeight = 5;

    /// <summary>Balanced sample of <paramref name="items"/>, reproducible for a given <paramref name="seed"/>.</summary>
    public static BalancedSample Sample(IReadOnlyList<Item> items, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(items);
        var slots = new List<Item>?[LastSlot + 1];
        int outside = 0;
        foreach (var item in items)
        {
            // Python's round() is half-to-even, as Math.Round's default is.
            double slot = Math.Round(item.Price, MidpointRounding.ToEven);
            if (slot is >= FirstSlot and <= LastSlot) (slots[(int)slot] ??= []).Add(item);
            else outside++;
        }

        var random = new Random(seed);
        var sample = new List<Item>(items.Count - outside);
        int capped = 0, notDrawn = 0;
        for (int price = FirstSlot; price <= LastSlot; price++)
        {
            if (slots[price] is not { } slot) continue;
            if (price >= KeepWholeFrom || slot.Count <= SlotCap)
            {
                sample.AddRange(slot);
                continue;
            }
            var weights = slot.Select(i => i.Category == "Automotive" ? AutomotiveWeight : OtherWeight).ToArray();
            foreach (int index in WeightedSampling.WithoutReplacement(weights, SlotCap, random)) sample.Add(slot[index]);
            capped++;
            notDrawn += slot.Count - SlotCap;
        }
        return new BalancedSample(sample, items.Count, outside, capped, notDrawn);
    }
}
