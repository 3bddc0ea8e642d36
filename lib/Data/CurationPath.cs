namespace PricerLib.Data;

/// <summary>How <see cref="ItemCurator"/> computes the course's output; every path gives the same items, byte for byte.</summary>
public enum CurationPath
{
    /// <summary>The first port: the chained scrubber, Microsoft.ML.Tokenizers' regex pre-tokenizer and BPE, the prompt counted by a second full encode.</summary>
    Baseline,

    /// <summary>The two-pass scrubber, the hand-written Llama 3 pre-tokenizer and encoder, the prompt counted from its parts where that is provably exact.</summary>
    Fast,
}
