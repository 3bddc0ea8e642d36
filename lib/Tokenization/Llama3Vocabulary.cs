namespace PricerLib.Tokenization;

/// <summary>
/// Tells the course's Llama 3 vocabulary from any other by its fingerprint: a probe sentence and the ids Meta's
/// <c>tokenizer.model</c> gives it (each piece one token, numbers in groups of up to three digits; " Wayback" is one of
/// the 28,000 tokens Llama 3 added to cl100k_base's 100,000, so cl100k_base does not pass). Llama 3 and 3.1
/// share the vocabulary, so Meta's file and every Llama 3.x GGUF match; a SentencePiece vocabulary (Llama 2, the tiny
/// test models) or cl100k_base does not.
/// </summary>
public static class Llama3Vocabulary
{
    /// <summary>The probe sentence.</summary>
    public const string Probe = "Hello world, how much does it cost? Price is $999 Wayback";

    /// <summary>The ids Meta's Llama 3 <c>tokenizer.model</c> gives <see cref="Probe"/> (its ranks of each piece).</summary>
    public static IReadOnlyList<int> ProbeIds { get; } = [9906, 1917, 11, 1268, 1790, 1587, 433, 2853, 30, 8650, 374, 400, 5500, 105761];

    /// <summary>Whether <paramref name="tokenizer"/> has the course's Llama 3 vocabulary.</summary>
    public static bool Matches(ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        try { return tokenizer.Encode(Probe).SequenceEqual(ProbeIds); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException) { return false; } // a vocabulary that cannot say it
    }

    /// <summary>
    /// Refuses a tokenizer that is not the course's Llama 3 vocabulary, for curation and the dataset: prompts are cut
    /// at Llama 3 token counts, so another vocabulary changes every item. The cl100k_base fallback (no tokenizer given
    /// at all) is let through: it already warned that its counts are approximate.
    /// </summary>
    /// <param name="tokenizer">The loaded tokenizer.</param>
    /// <param name="overrideOption">The option that lets any tokenizer through, named in the message.</param>
    /// <exception cref="TokenizerLoadException">It is not Llama 3's.</exception>
    public static void Require(ITextTokenizer tokenizer, string overrideOption)
    {
        if (tokenizer is Cl100kFallback || Matches(tokenizer)) return;
        throw new TokenizerLoadException(
            $"The tokenizer {tokenizer.Name} is not the course's Llama 3 vocabulary (it tokenizes \"{Probe}\" differently), " +
            $"so every prompt would be cut at other token counts. {TokenizerFiles.WhatToGive} Or pass {overrideOption} to curate with it anyway.");
    }
}
