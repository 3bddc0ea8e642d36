namespace PricerLib.Classical;

/// <summary>
/// Word2vec training settings; the defaults are the course's <c>Word2Vec(vector_size=400, window=5, min_count=1)</c>
/// with gensim's other defaults (CBOW, mean of the context, 5 negative samples, down-sampling 1e-3, 5 epochs,
/// learning rate 0.025 → 0.0001, seed 1).
/// </summary>
public sealed record Word2VecSettings
{
    /// <summary>Vector size.</summary>
    public int Dimensions { get; init; } = 400;

    /// <summary>Largest distance between the current and a context word (shrunk at random per word, as gensim).</summary>
    public int Window { get; init; } = 5;

    /// <summary>Words seen fewer times are dropped.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>Negative samples per word.</summary>
    public int Negative { get; init; } = 5;

    /// <summary>Down-sampling threshold for frequent words; 0 turns it off.</summary>
    public double Sample { get; init; } = 1e-3;

    /// <summary>Passes over the corpus.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Initial learning rate.</summary>
    public double Alpha { get; init; } = 0.025;

    /// <summary>Final learning rate.</summary>
    public double MinAlpha { get; init; } = 0.0001;

    /// <summary>Seed of the initial vectors and of every random draw.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Training threads. 1 (the default) is bit-for-bit reproducible; more threads share the vectors without locks
    /// ("Hogwild", as gensim's workers), so their results vary slightly from run to run.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Dimensions < 1 || Window < 1 || MinCount < 1 || Negative < 0 || Epochs < 1 || Threads < 1)
            throw new ArgumentException($"Word2vec settings out of range: {this}.");
        if (Sample < 0 || Alpha <= 0 || MinAlpha < 0) throw new ArgumentException($"Word2vec settings out of range: {this}.");
    }
}
