using PricerLib.Tests.Amazon;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, case 12: curation refuses a tokenizer that is not the course's Llama 3 vocabulary.</summary>
public class TokenizerHardeningTests
{
    [SkippableFact]
    public void Only_the_llama_3_vocabulary_matches_the_fingerprint()
    {
        var llama3 = Llama3Tokenizer.FromTiktokenFile(Shared.Llama3TokenizerModel);
        using var stories = GgufTokenizer.Load(Shared.StoriesGguf);
        using var llama2 = GgufTokenizer.Load(Shared.TinyRandomGguf);

        Assert.Equal(Llama3Vocabulary.ProbeIds, llama3.Encode(Llama3Vocabulary.Probe)); // the fingerprint is Meta's file's
        Assert.True(Llama3Vocabulary.Matches(llama3));
        Assert.False(Llama3Vocabulary.Matches(stories));
        Assert.False(Llama3Vocabulary.Matches(llama2));
        Assert.False(Llama3Vocabulary.Matches(new Cl100kFallback()));
        Llama3Vocabulary.Require(llama3, "--any-tokenizer");
        Llama3Vocabulary.Require(new Cl100kFallback(), "--any-tokenizer"); // the fallback already warned
        var e = Assert.Throws<TokenizerLoadException>(() => Llama3Vocabulary.Require(stories, "--any-tokenizer"));
        Assert.Contains("not the course's Llama 3 vocabulary", e.Message);
        Assert.Contains("--any-tokenizer", e.Message);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Curate_refuses_a_tiny_gguf_vocabulary_unless_any_tokenizer_is_given()
    {
        using var dir = new TempDir();
        var input = AmazonFiles.Write(dir.File("a.jsonl"), [AmazonFiles.RawRow(0)]);
        var output = dir.File("items.jsonl");

        var refused = PricerProcess.Run("curate", input, "--out", output, "--tokenizer", Shared.StoriesGguf);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not the course's Llama 3 vocabulary", refused.Stderr);
        Assert.False(File.Exists(output));

        var allowed = PricerProcess.Run("curate", input, "--out", output, "--tokenizer", Shared.StoriesGguf, "--any-tokenizer");
        Assert.True(allowed.ExitCode == 0, allowed.Stderr);
        Assert.True(File.Exists(output));
    }
}
