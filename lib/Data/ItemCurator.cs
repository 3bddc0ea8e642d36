using PricerLib.Tokenization;

namespace PricerLib.Data;

/// <summary>What curating one row gave: an item, or the reason it was skipped.</summary>
public readonly record struct CurationOutcome(Item? Item, SkipReason? Skip);

/// <summary>The course's 2024 <c>Item</c> pipeline: price filter, parse, scrub, token cut, prompt.</summary>
public sealed class ItemCurator(ITextTokenizer tokenizer)
{
    public ITextTokenizer Tokenizer { get; } = tokenizer;

    /// <summary>Curates one row. <paramref name="category"/> wins over the row's <c>main_category</c> when given.</summary>
    public CurationOutcome Curate(RawProduct product, string? category = null) => throw new NotImplementedException();
}
