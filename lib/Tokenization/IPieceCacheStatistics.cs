namespace PricerLib.Tokenization;

/// <summary>A tokenizer that counts how often its cache of pre-token pieces answered a lookup.</summary>
public interface IPieceCacheStatistics
{
    /// <summary>Pieces looked up since the last reset.</summary>
    long Lookups { get; }

    /// <summary>Lookups the cache answered.</summary>
    long Hits { get; }

    /// <summary>Starts counting again from zero.</summary>
    void ResetStatistics();
}
