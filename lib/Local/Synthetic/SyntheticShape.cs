namespace PricerLib.Local.Synthetic;

/// <summary>
/// Llama 3.1's "llama3" rope scaling (Hugging Face's <c>rope_scaling</c>): llama.cpp applies it through a
/// <c>rope_freqs.weight</c> tensor of one factor per rotated pair, which <see cref="Factors"/> computes as llama.cpp's
/// <c>convert_hf_to_gguf.py</c> does (<c>LlamaModel.generate_extra_tensors</c>).
/// </summary>
/// <param name="Factor"><c>factor</c>: how much the lowest frequencies are slowed down.</param>
/// <param name="LowFrequencyFactor"><c>low_freq_factor</c>.</param>
/// <param name="HighFrequencyFactor"><c>high_freq_factor</c>.</param>
/// <param name="OriginalContext"><c>original_max_position_embeddings</c>.</param>
public sealed record Llama3RopeScaling(float Factor, float LowFrequencyFactor, float HighFrequencyFactor, int OriginalContext)
{
    /// <summary>The per-pair divisors of the rope frequencies, <c>headDim / 2</c> of them.</summary>
    public float[] Factors(int headDim, float ropeTheta)
    {
        // As the converter: frequencies in float32 (torch), the rest in Python doubles.
        double lowWavelength = OriginalContext / (double)LowFrequencyFactor;
        double highWavelength = OriginalContext / (double)HighFrequencyFactor;
        var factors = new float[headDim / 2];
        for (int i = 0; i < factors.Length; i++)
        {
            float frequency = 1f / MathF.Pow(ropeTheta, 2 * i / (float)headDim);
            double wavelength = 2 * Math.PI / frequency;
            if (wavelength < highWavelength) factors[i] = 1f;
            else if (wavelength > lowWavelength) factors[i] = Factor;
            else
            {
                double smooth = (OriginalContext / wavelength - LowFrequencyFactor) / (HighFrequencyFactor - LowFrequencyFactor);
                factors[i] = (float)(1 / ((1 - smooth) / Factor + smooth));
            }
        }
        return factors;
    }
}

/// <summary>
/// The hyper-parameters of a Llama 3.x model, in Hugging Face's <c>config.json</c> terms, for a synthetic model of that
/// shape. The known shapes' values are those of Meta's published <c>config.json</c> files (see <see cref="Source"/>).
/// </summary>
/// <param name="Name">The shape's name on the command line, e.g. <c>llama-3.1-8b</c>.</param>
/// <param name="Source">Where the values come from.</param>
/// <param name="Layers"><c>num_hidden_layers</c>.</param>
/// <param name="Embedding"><c>hidden_size</c>.</param>
/// <param name="FeedForward"><c>intermediate_size</c>.</param>
/// <param name="Heads"><c>num_attention_heads</c>.</param>
/// <param name="KvHeads"><c>num_key_value_heads</c>.</param>
/// <param name="HeadDim"><c>head_dim</c> (hidden_size / heads where the config has none).</param>
/// <param name="ContextLength"><c>max_position_embeddings</c>.</param>
/// <param name="RopeTheta"><c>rope_theta</c>.</param>
/// <param name="RmsEpsilon"><c>rms_norm_eps</c>.</param>
/// <param name="TiedEmbeddings"><c>tie_word_embeddings</c>: no separate output matrix.</param>
/// <param name="RopeScaling"><c>rope_scaling</c> of type llama3.</param>
/// <param name="VocabularySize"><c>vocab_size</c>: Llama 3's 128,000 ranks and 256 special tokens.</param>
public sealed record SyntheticShape(string Name, string Source, int Layers, int Embedding, int FeedForward, int Heads, int KvHeads,
    int HeadDim, int ContextLength, float RopeTheta, float RmsEpsilon, bool TiedEmbeddings, Llama3RopeScaling RopeScaling,
    int VocabularySize = 128256)
{
    /// <summary>Llama 3.1 8B, the course's 2024 base (<c>meta-llama/Llama-3.1-8B</c>, config.json).</summary>
    public static SyntheticShape Llama31_8B { get; } = new("llama-3.1-8b", "meta-llama/Llama-3.1-8B config.json",
        32, 4096, 14336, 32, 8, 128, 131072, 500000f, 1e-5f, false, new(8f, 1f, 4f, 8192));

    /// <summary>Llama 3.2 3B (<c>meta-llama/Llama-3.2-3B</c>, config.json).</summary>
    public static SyntheticShape Llama32_3B { get; } = new("llama-3.2-3b", "meta-llama/Llama-3.2-3B config.json",
        28, 3072, 8192, 24, 8, 128, 131072, 500000f, 1e-5f, true, new(32f, 1f, 4f, 8192));

    /// <summary>Llama 3.2 1B (<c>meta-llama/Llama-3.2-1B</c>, config.json).</summary>
    public static SyntheticShape Llama32_1B { get; } = new("llama-3.2-1b", "meta-llama/Llama-3.2-1B config.json",
        16, 2048, 8192, 32, 8, 64, 131072, 500000f, 1e-5f, true, new(32f, 1f, 4f, 8192));

    /// <summary>
    /// A Llama 3.2-like shape small enough for tests (2 layers, 64 wide), with the real vocabulary, so that it
    /// tokenizes as the real models do; its embedding table is most of its ~16 MB.
    /// </summary>
    public static SyntheticShape Tiny { get; } = new("llama-3-tiny", "a test shape: Llama 3.2's layout, 2 layers of 64",
        2, 64, 128, 4, 2, 16, 8192, 500000f, 1e-5f, true, new(32f, 1f, 4f, 8192));

    /// <summary>Every shape <c>make-model</c> knows.</summary>
    public static IReadOnlyList<SyntheticShape> Known { get; } = [Llama31_8B, Llama32_3B, Llama32_1B, Tiny];

    /// <summary>The known shape called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="SyntheticModelException">No such shape; the message lists the known ones.</exception>
    public static SyntheticShape Named(string name) =>
        Known.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new SyntheticModelException($"Unknown shape '{name}'. Known shapes: {string.Join(", ", Known.Select(s => s.Name))}.");

    /// <summary>Width of the key and value projections' outputs.</summary>
    public int KvWidth => KvHeads * HeadDim;

    /// <summary>Width of the query projection's output.</summary>
    public int QueryWidth => Heads * HeadDim;

    /// <summary>The number of weights (rope factors and norms included).</summary>
    public long ParameterCount =>
        (long)VocabularySize * Embedding * (TiedEmbeddings ? 1 : 2) + Embedding + HeadDim / 2
        + Layers * (2L * Embedding + 2L * Embedding * QueryWidth + 2L * Embedding * KvWidth + 3L * Embedding * FeedForward);
}
