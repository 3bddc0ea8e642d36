using PricerLib.Retrieval;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Retrieval;

/// <summary>The real all-MiniLM-L6-v2 through ONNX Runtime against the published anchors.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class SentenceEmbedderTests
{
    private static SentenceEmbedder Embedder => Embedders.MiniLm;

    [Fact]
    public void Hello_world_matches_fastembeds_published_first_five_dimensions()
    {
        var vector = Embedder.Embed("hello world");

        Assert.Equal(SentenceEmbedder.Dimensions, vector.Length);
        float[] expected = [-0.034477f, 0.031023f, 0.006735f, 0.026109f, -0.039362f];
        for (int i = 0; i < expected.Length; i++) Assert.InRange(vector[i], expected[i] - 1e-4f, expected[i] + 1e-4f);
        Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Norm(vector), 0.99999f, 1.00001f);
    }

    [Fact]
    public void Cosines_match_the_sentence_transformers_readme()
    {
        var v = Embedder.Embed(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]);

        Assert.InRange(Embedders.Cosine(v[0], v[1]), 0.6660f - 1e-4f, 0.6660f + 1e-4f);
        Assert.InRange(Embedders.Cosine(v[0], v[2]), 0.1046f - 1e-4f, 0.1046f + 1e-4f);
        Assert.InRange(Embedders.Cosine(v[1], v[2]), 0.1411f - 1e-4f, 0.1411f + 1e-4f);
    }

    [Fact]
    public void A_batch_of_mixed_lengths_gives_each_text_the_vector_it_gets_alone()
    {
        string[] texts = ["short", "a somewhat longer sentence about a cordless drill with two batteries", "mid length text here", "x"];

        var batch = Embedder.Embed(texts);

        for (int i = 0; i < texts.Length; i++)
        {
            var alone = Embedder.Embed(texts[i]);
            for (int d = 0; d < SentenceEmbedder.Dimensions; d++) Assert.InRange(batch[i][d] - alone[d], -1e-5f, 1e-5f);
        }
    }

    [Fact]
    public void A_text_past_256_tokens_is_embedded_as_its_first_254_word_pieces()
    {
        var words = string.Join(" ", Enumerable.Range(0, 400).Select(i => $"word{i % 37}"));
        var ids = Embedder.Tokenizer.Encode(words);
        Assert.Equal(SentenceEmbedder.MaxTokens, ids.Length);

        var pieces = Embedder.Tokenizer.Tokens(ids[1..^1]);
        var prefix = string.Join(" ", pieces).Replace(" ##", "");
        Assert.Equal(ids, Embedder.Tokenizer.Encode(prefix));
        Assert.Equal(Embedder.Embed(prefix), Embedder.Embed(words));
    }
}
