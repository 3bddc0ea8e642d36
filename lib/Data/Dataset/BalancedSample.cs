namespace PricerLib.Data.Dataset;

/// <summary>The result of <see cref="BalancedSampler.Sample"/>: the kept items and what happened to the rest.</summary>
/// <param name="Items">The sample, slot by slot from $1 to $999 (not shuffled yet).</param>
/// <param name="Considered">Items given to the sampler.</param>
/// <param name="OutsideSlots">Items whose rounded price is 0 or above 999: in no slot, so dropped (counted, not silent).</param>
/// <param name="CappedSlots">Slots that held more than <see cref="BalancedSampler.SlotCap"/> items and were cut down to it.</param>
/// <param name="NotDrawn">Items left out of the capped slots.</param>
public sealed record BalancedSample(IReadOnlyList<Item> Items, int Considered, int OutsideSlots, int CappedSlots, int NotDrawn);
