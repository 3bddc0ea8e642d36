using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

/// <summary>The hand-written split against the regex one (<see cref="CodePointRegexPreTokenizer"/>), piece for piece.</summary>
public sealed class Llama3PreTokenizerTests
{
    private static readonly CodePointRegexPreTokenizer Regex = new(Llama3Tokenizer.DotNetSplitPattern, specialTokens: null);

    private static List<string> RegexPieces(string text) => Regex.PreTokenize(text).Select(p => text.Substring(p.Offset, p.Length)).ToList();

    private static List<string> HandWrittenPieces(string text)
    {
        var pieces = new List<string>();
        for (int start = 0; start < text.Length;)
        {
            int end = Llama3PreTokenizer.NextPieceEnd(text, start);
            Assert.True(end > start, $"no progress at {start} in {Escape(text)}");
            pieces.Add(text[start..end]);
            start = end;
        }
        return pieces;
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:X4}"));

    private static void AssertSameSplit(string text)
    {
        var expected = RegexPieces(text);
        var actual = HandWrittenPieces(text);
        if (!expected.SequenceEqual(actual))
            Assert.Fail($"{Escape(text)}: regex [{string.Join(" | ", expected.Select(Escape))}] hand-written [{string.Join(" | ", actual.Select(Escape))}]");
    }

    [Theory]
    [InlineData("it's 'S 'ſ 'T 'RE 'Ve 'm 'LL 'D 'k 'K 're")]
    [InlineData("  word   \n\n  x\r\n\r\n 12345 6 ?!\n\n")]
    [InlineData("(𝐁𝐨𝐥𝐝) 𝟏𝟐𝟑𝟒𝟓 👍quality Great 😀quality 😀😀\nok")]
    [InlineData("\uD835x \uDC00 1\uD835")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("'")]
    public void Splits_like_the_regex(string text) => AssertSameSplit(text);

    [Fact]
    public void Every_BMP_character_splits_like_the_regex_in_every_position_of_the_pattern()
    {
        // Each character alone, after an apostrophe (contractions), between letters, after a space before digits,
        // and before a line break: every class decision of the pattern meets every character.
        for (int c = 0; c < 0x10000; c++)
        {
            string ch = ((char)c).ToString();
            foreach (var text in new[] { ch, "'" + ch, "'" + ch + "e", "'" + ch + "l", "a" + ch + "b", " " + ch + "1", ch + ch + "\n", "x " + ch })
                AssertSameSplit(text);
        }
    }

    [SkippableFact]
    public void Every_tenth_shared_prompt_and_each_with_surrogates_splits_like_the_regex()
    {
        var prompts = Llama3Fixture.Prompts;
        for (int i = 0; i < prompts.Length; i++)
            if (i % 10 == 0 || Llama3Fixture.HasSurrogates(prompts[i])) AssertSameSplit(prompts[i]);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Every_shared_prompt_splits_like_the_regex()
    {
        foreach (var prompt in Llama3Fixture.Prompts) AssertSameSplit(prompt);
    }

    [Fact]
    public void A_generated_adversarial_corpus_splits_like_the_regex()
    {
        foreach (var text in AdversarialText.Corpus()) AssertSameSplit(text);
    }

    [Fact]
    public void A_text_that_agrees_before_a_pieces_horizon_has_the_same_pieces_up_to_there()
    {
        var random = new Random(5);
        var suffixes = AdversarialText.Corpus(count: 64, maxAtoms: 6, seed: 9).ToArray();
        foreach (var text in AdversarialText.Corpus(count: 3_000, maxAtoms: 30, seed: 17))
        {
            var ends = PieceEnds(text);
            for (int piece = 0, start = 0; piece < ends.Count; start = ends[piece++])
            {
                int horizon = Llama3PreTokenizer.Horizon(text, start, ends[piece]);
                Assert.True(horizon >= ends[piece] + 2, "a horizon before the piece's end and the next character");
                if (horizon > text.Length) continue;
                string other = text[..horizon] + (random.Next(4) == 0 ? "" : suffixes[random.Next(suffixes.Length)]);
                Assert.Equal(ends.Take(piece + 1), PieceEnds(other).Take(piece + 1));
            }
        }
    }

    private static List<int> PieceEnds(string text)
    {
        var ends = new List<int>();
        for (int start = 0; start < text.Length; start = ends[^1]) ends.Add(Llama3PreTokenizer.NextPieceEnd(text, start));
        return ends;
    }
}
