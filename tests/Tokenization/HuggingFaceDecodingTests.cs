using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

public sealed class HuggingFaceDecodingTests
{
    [Theory]
    [InlineData("Hello , world !", "Hello, world!")]
    [InlineData("Is it ? Yes .", "Is it? Yes.")]
    [InlineData("I do n't know", "I don't know")]
    [InlineData("I 'm here , it 's fine , we 've won , they 're in", "I'm here, it's fine, we've won, they're in")]
    [InlineData("rock ' n roll", "rock'n roll")]
    // Sequential, like Python's chained str.replace: " ' s" loses " ' " first, so " 's" never matches after it.
    [InlineData("x ' s", "x's")]
    // Only a single space goes: "  ." becomes " ." (the first space is not before the dot).
    [InlineData("a  .", "a .")]
    [InlineData("no change here.", "no change here.")]
    [InlineData("", "")]
    public void Cleans_up_like_transformers(string input, string expected) =>
        Assert.Equal(expected, HuggingFaceDecoding.CleanUpTokenizationSpaces(input));

    [Fact]
    public void Says_it_changes_a_text_exactly_when_the_clean_up_changes_it()
    {
        // Near misses too: a pattern's text without its space, cut short, or at either end.
        string[] atoms = [" .", ".", " ?", " !", " ,", " ' ", " '", "'", " n't", " nt", "n't", " 'm", " 's", "'s", " 've", " 're", " 'r", " ", "a", "b"];
        var random = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => atoms[random.Next(atoms.Length)]));
            Assert.Equal(HuggingFaceDecoding.CleanUpTokenizationSpaces(text) != text, HuggingFaceDecoding.ChangesAnything(text));
        }
    }

    [SkippableFact]
    public void DecodeCleaned_and_Truncate_follow_the_course()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        const string text = "Great price ! It 's a 2 - pack , isn't it ?";
        Assert.Equal("Great price! It's a 2 - pack, isn't it?", tokenizer.DecodeCleaned(tokenizer.Encode(text)));
        Assert.Equal("Great price! It's a 2 - pack, isn't it?", tokenizer.Truncate(text, 1000));

        var ids = tokenizer.Encode(text);
        Assert.Equal(HuggingFaceDecoding.CleanUpTokenizationSpaces(tokenizer.Decode(ids.Take(5))), tokenizer.Truncate(text, 5));
        Assert.Equal(5, tokenizer.CountTokens(tokenizer.Decode(ids.Take(5))));
        Assert.Equal("", tokenizer.Truncate(text, 0));

        // A cut inside a multi-byte character ends in U+FFFD, as in the course's prompts.
        var emoji = tokenizer.Encode("ab😀");
        Assert.EndsWith("\uFFFD", tokenizer.Truncate("ab😀", emoji.Count - 1));
    }
}
