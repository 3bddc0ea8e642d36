using System.Text.Json;
using PricerLib.Local.Synthetic;

namespace PricerLib.Tests.Local;

/// <summary>The known shapes against Meta's published config.json values, and the rope factors' layout.</summary>
public sealed class SyntheticShapeTests
{
    // The fields make-model uses, as Meta's config.json files on the Hugging Face Hub publish them
    // (meta-llama/Llama-3.1-8B, meta-llama/Llama-3.2-3B, meta-llama/Llama-3.2-1B); head_dim is absent from 3.1's.
    public static TheoryData<string, string> OfficialConfigs => new()
    {
        { "llama-3.1-8b", """{"hidden_size": 4096, "intermediate_size": 14336, "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 8, "max_position_embeddings": 131072, "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 8192, "rope_type": "llama3"}, "tie_word_embeddings": false, "vocab_size": 128256}""" },
        { "llama-3.2-3b", """{"head_dim": 128, "hidden_size": 3072, "intermediate_size": 8192, "num_attention_heads": 24, "num_hidden_layers": 28, "num_key_value_heads": 8, "max_position_embeddings": 131072, "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "rope_scaling": {"factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 8192, "rope_type": "llama3"}, "tie_word_embeddings": true, "vocab_size": 128256}""" },
        { "llama-3.2-1b", """{"head_dim": 64, "hidden_size": 2048, "intermediate_size": 8192, "num_attention_heads": 32, "num_hidden_layers": 16, "num_key_value_heads": 8, "max_position_embeddings": 131072, "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "rope_scaling": {"factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 8192, "rope_type": "llama3"}, "tie_word_embeddings": true, "vocab_size": 128256}""" },
    };

    [Theory]
    [MemberData(nameof(OfficialConfigs))]
    public void Shapes_carry_the_official_config_values(string name, string configJson)
    {
        using var config = JsonDocument.Parse(configJson);
        var c = config.RootElement;
        var shape = SyntheticShape.Named(name);
        Assert.Equal(c.GetProperty("hidden_size").GetInt32(), shape.Embedding);
        Assert.Equal(c.GetProperty("intermediate_size").GetInt32(), shape.FeedForward);
        Assert.Equal(c.GetProperty("num_attention_heads").GetInt32(), shape.Heads);
        Assert.Equal(c.GetProperty("num_hidden_layers").GetInt32(), shape.Layers);
        Assert.Equal(c.GetProperty("num_key_value_heads").GetInt32(), shape.KvHeads);
        Assert.Equal(c.TryGetProperty("head_dim", out var headDim) ? headDim.GetInt32() : shape.Embedding / shape.Heads, shape.HeadDim);
        Assert.Equal(c.GetProperty("max_position_embeddings").GetInt32(), shape.ContextLength);
        Assert.Equal(c.GetProperty("rms_norm_eps").GetSingle(), shape.RmsEpsilon);
        Assert.Equal(c.GetProperty("rope_theta").GetSingle(), shape.RopeTheta);
        Assert.Equal(c.GetProperty("tie_word_embeddings").GetBoolean(), shape.TiedEmbeddings);
        Assert.Equal(c.GetProperty("vocab_size").GetInt32(), shape.VocabularySize);
        var rope = c.GetProperty("rope_scaling");
        Assert.Equal("llama3", rope.GetProperty("rope_type").GetString());
        Assert.Equal(new Llama3RopeScaling(rope.GetProperty("factor").GetSingle(), rope.GetProperty("low_freq_factor").GetSingle(),
            rope.GetProperty("high_freq_factor").GetSingle(), rope.GetProperty("original_max_position_embeddings").GetInt32()), shape.RopeScaling);
    }

    [Theory]
    [InlineData("llama-3.1-8b", 8_030_261_248L)] // the published parameter counts (Hugging Face's num_parameters)
    [InlineData("llama-3.2-3b", 3_212_749_824L)]
    [InlineData("llama-3.2-1b", 1_235_814_400L)]
    public void Parameter_counts_are_the_published_ones(string name, long published)
    {
        var shape = SyntheticShape.Named(name);
        Assert.Equal(published, shape.ParameterCount - shape.HeadDim / 2); // rope_freqs is llama.cpp's, not a checkpoint weight
    }

    [Fact]
    public void Rope_factors_leave_high_frequencies_alone_and_divide_low_ones_by_the_factor()
    {
        // Llama 3.1 8B: pair i has wavelength 2π·500000^(i/64); under 8192/4 = 2048 it is kept (i ≤ 28), over 8192 it is
        // divided by 8 (i ≥ 35), and the six between are interpolated, as llama.cpp's converter writes rope_freqs.
        var factors = SyntheticShape.Llama31_8B.RopeScaling.Factors(128, 500000f);
        Assert.Equal(64, factors.Length);
        Assert.All(factors[..29], f => Assert.Equal(1f, f));
        Assert.All(factors[35..], f => Assert.Equal(8f, f));
        Assert.All(factors[29..35], f => Assert.InRange(f, 1f, 8f));
        Assert.Equal(factors.Order(), factors); // slower and slower frequencies are divided more and more
    }

    [Fact]
    public void Unknown_shapes_and_types_list_the_known_ones()
    {
        var shape = Assert.Throws<SyntheticModelException>(() => SyntheticShape.Named("llama-4-huge"));
        Assert.Contains("llama-3.1-8b, llama-3.2-3b, llama-3.2-1b, llama-3-tiny", shape.Message);
        var type = Assert.Throws<SyntheticModelException>(() => SyntheticModelType.Named("q3_k"));
        Assert.Contains("f16, q8_0, q4_k_m", type.Message);
    }
}
