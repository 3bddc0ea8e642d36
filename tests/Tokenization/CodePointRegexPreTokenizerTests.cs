using System.Text;
using System.Text.RegularExpressions;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

public sealed class CodePointRegexPreTokenizerTests
{
    private static readonly CodePointRegexPreTokenizer PreTokenizer =
        new(Llama3Tokenizer.DotNetSplitPattern, new Dictionary<string, int> { ["<|begin_of_text|>"] = 128000 });

    private static string[] Split(string text) =>
        PreTokenizer.PreTokenize(text).Select(p => text.Substring(p.Offset, p.Length)).ToArray();

    // Expected pieces from the pattern's semantics on code points (Oniguruma in Hugging Face, Rust regex in tiktoken),
    // alternatives tried left to right at each position:
    //   A (?i:'s|'t|'re|'ve|'m|'ll|'d)   B [^\r\n\p{L}\p{N}]?\p{L}+   C \p{N}{1,3}
    //   D  ?[^\s\p{L}\p{N}]+[\r\n]*      E \s*[\r\n]+   F \s+(?!\S)   G \s+
    // 𝐁𝐨𝐥𝐝 are mathematical bold letters (Lu/Ll, U+1D400…), 𝟏… bold digits (Nd, U+1D7CF…), 𐐀 a Deseret capital
    // letter (Lu), 👍😀 emoji (So: neither letter nor number).
    public static TheoryData<string, string[]> Splits => new()
    {
        // B: "(" is the optional non-letter prefix, then four letters; ")" by D.
        // (UTF-16 .NET: surrogates are not letters, so D took "(𝐁𝐨𝐥𝐝)" whole.)
        { "(𝐁𝐨𝐥𝐝)", ["(𝐁𝐨𝐥𝐝", ")"] },
        // B: one run of letters, BMP and non-BMP alike. (UTF-16: "a", "𝐁", "c".)
        { "a𝐁c", ["a𝐁c"] },
        { "Bold 𝐁𝐨𝐥𝐝 text", ["Bold", " 𝐁𝐨𝐥𝐝", " text"] },
        { "𐐀bc", ["𐐀bc"] },
        // C: digits in groups of three. (UTF-16: D took all five digits.)
        { "𝟏𝟐𝟑𝟒𝟓", ["𝟏𝟐𝟑", "𝟒𝟓"] },
        { "x𝟏𝟐", ["x", "𝟏𝟐"] },
        // G then C: digits take no prefix, so the space before them stands alone (\s+(?!\S) fails before a
        // non-space, \s+ takes it). (UTF-16: D took " 𝟏𝟎𝟎%" whole.)
        { " 𝟏𝟎𝟎%", [" ", "𝟏𝟎𝟎", "%"] },
        // B: "-" is the prefix of the letter run.
        { " 𝟐-𝐏𝐀𝐂𝐊", [" ", "𝟐", "-𝐏𝐀𝐂𝐊"] },
        // B: an emoji is a valid one-character prefix for a letter run. (UTF-16: "👍", "quality".)
        { "👍quality", ["👍quality"] },
        // D then B: after a space the prefix slot is taken by the space, which fails, so D takes " 😀".
        { "Great 😀quality", ["Great", " 😀", "quality"] },
        // D takes the emoji run; a newline stays in the run's trailing [\r\n]*.
        { "😀😀\nok", ["😀😀\n", "ok"] },
        // A: ſ (U+017F) case-folds to s, so "'ſ" is a contraction in Oniguruma (its test suite has
        // x2("(?i)s", "\xc5\xbf", 0, 2)) and in Rust's regex (simple case folding). (.NET: "'ſtuff" by B.)
        { "'ſtuff", ["'ſ", "tuff"] },
        { "it's", ["it", "'s"] },
        // Special tokens are cut out first; the text on each side is split alone.
        { "𝐁<|begin_of_text|>𝟏", ["𝐁", "<|begin_of_text|>", "𝟏"] },
        // F/G: whitespace before a non-BMP letter is left to B's prefix, as before an ASCII letter.
        { "a  𝐁", ["a", " ", " 𝐁"] },
        // A lone surrogate (impossible in Hugging Face's UTF-8 input) counts as one "other" character.
        { "a\uD800b𝐁", ["a", "\uD800b𝐁"] },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Splits_on_code_points(string text, string[] expected) => Assert.Equal(expected, Split(text));

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Matches_a_surrogate_pair_aware_regex_on_random_mixed_text()
    {
        var reference = new Regex(SurrogatePairPattern.Build(), RegexOptions.Compiled | RegexOptions.CultureInvariant);
        string[] alphabet =
        [
            "a", "B", "s", "t", "'", " ", "  ", "\n", "\r\n", "\t", "1", "٣", "½", ",", ".", "(", "-", "é", "ſ", "\u00A0",
            "\u3000", "\u2028", "\u001F", "𝐁", "𝐨", "𝟏", "𝟐", "𐐀", "👍", "😀", "\U0001F3FB", "𝄞", "\U00010341",
            "\U000E0041", "\uD800", "\uDC00",
        ];
        var random = new Random(31);
        for (int trial = 0; trial < 3000; trial++)
        {
            var sb = new StringBuilder();
            for (int i = random.Next(1, 25); i > 0; i--)
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            var text = sb.ToString();
            var expected = reference.Matches(text).Select(m => m.Value).ToArray();
            Assert.Equal(text, string.Concat(expected));
            Assert.Equal(expected, Split(text));
        }
    }

    [Fact]
    public void Text_without_surrogates_splits_as_the_plain_pattern_does()
    {
        var plain = new Regex(Llama3Tokenizer.SplitPattern);
        const string text = "How much does this cost?\n\nIt's 12345 ¥, isn't it…  \r\n\t end  ";
        Assert.Equal(plain.Matches(text).Select(m => m.Value), Split(text));
    }

    [Fact]
    public void NET_regex_whitespace_is_Unicode_White_Space_like_Oniguruma()
    {
        // PropList.txt White_Space; Oniguruma's \s is the same set. U+001C–U+001F (Python's isspace) and
        // U+180E, U+200B, U+FEFF are not in it.
        int[] whiteSpace =
        [
            0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
            0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        ];
        var s = new Regex(@"^\s$");
        var matching = Enumerable.Range(0, 0x10000).Where(c => s.IsMatch(((char)c).ToString())).ToArray();
        Assert.Equal(whiteSpace, matching);
    }
}
