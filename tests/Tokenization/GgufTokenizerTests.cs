using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class GgufTokenizerTests
{
    private static readonly string[] Texts =
    [
        "Hello world", " Hello", "  two leading spaces", "", "Once upon a time, there was a little girl.",
        "é€😀 x", "tabs\tand\nnew lines\r\n", "<s>not a special token</s>", "𝐁𝐨𝐥𝐝 𝟏𝟐𝟑", "Price is $12.00",
    ];

    [SkippableFact]
    public void Llama2_vocabulary_gives_the_Hugging_Face_Llama_2_ids()
    {
        using var tokenizer = GgufTokenizer.Load(Shared.TinyRandomGguf);
        Assert.Equal(32_000, tokenizer.VocabularySize);
        // Llama 2 (HF, add_special_tokens=False): "▁Hello" 15043, "▁world" 3186; no BOS (1) in front.
        Assert.Equal([15043, 3186], tokenizer.Encode("Hello world"));
        // A leading space becomes its own "▁" (29871) before "▁Hello".
        Assert.Equal([29871, 15043], tokenizer.Encode(" Hello"));
        // Special-token text is plain text, not the BOS id.
        Assert.DoesNotContain(1, tokenizer.Encode("<s>"));
    }

    [SkippableTheory]
    [InlineData("stories260K.gguf", 512)]
    [InlineData("llama-2-tiny-random.gguf", 32_000)]
    public void Texts_round_trip_and_counts_match_the_ids(string file, int vocabularySize)
    {
        using var tokenizer = GgufTokenizer.Load(Shared.Require("models", file));
        Assert.Equal(vocabularySize, tokenizer.VocabularySize);
        Assert.Contains(file, tokenizer.Name);
        foreach (var text in Texts)
        {
            var ids = tokenizer.Encode(text);
            Assert.Equal(ids.Count, tokenizer.CountTokens(text));
            Assert.All(ids, id => Assert.InRange(id, 0, vocabularySize - 1));
            Assert.Equal(text, tokenizer.Decode(ids));
        }
        Assert.Empty(tokenizer.Encode(""));
        // The 512-token vocabulary has no "Hello": it takes several pieces, the 32,000 one two.
        Assert.True(tokenizer.CountTokens("Hello world") >= 2);
    }

    [SkippableFact]
    public void Shared_prompts_round_trip_and_encode_the_same_from_many_threads()
    {
        using var tokenizer = GgufTokenizer.Load(Shared.TinyRandomGguf);
        var prompts = Llama3Fixture.Prompts.Where((_, i) => i % 20 == 0).ToArray();
        var sequential = prompts.Select(p => tokenizer.Encode(p)).ToArray();
        var parallel = prompts.AsParallel().AsOrdered().Select(p => tokenizer.Encode(p)).ToArray();
        Assert.Equal(sequential, parallel);
        Assert.All(prompts.Zip(sequential), x => Assert.Equal(x.First, tokenizer.Decode(x.Second)));
    }

    [SkippableFact]
    public void Decode_of_a_cut_character_gives_U_FFFD()
    {
        using var tokenizer = GgufTokenizer.Load(Shared.StoriesGguf);
        // The tiny vocabulary spells 😀 with byte tokens; dropping the last leaves an incomplete sequence.
        var ids = tokenizer.Encode("a😀");
        Assert.Equal("a\uFFFD", tokenizer.Decode(ids.Take(ids.Count - 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([512]));
    }

    [SkippableFact]
    public void Bad_gguf_files_give_a_clear_TokenizerLoadException()
    {
        using var dir = new TempDir();
        var notGguf = dir.File("model.gguf");
        File.WriteAllText(notGguf, "not a model");
        Assert.Contains("not a GGUF file", Assert.Throws<TokenizerLoadException>(() => GgufTokenizer.Load(notGguf)).Message);

        var truncated = dir.File("truncated.gguf");
        using (var source = File.OpenRead(Shared.StoriesGguf))
        using (var target = File.Create(truncated))
        {
            var head = new byte[100_000];
            source.ReadExactly(head);
            target.Write(head);
        }
        Assert.Contains("could not load", Assert.Throws<TokenizerLoadException>(() => GgufTokenizer.Load(truncated)).Message);
    }
}
