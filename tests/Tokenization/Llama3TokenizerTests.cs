using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;
using Xunit.Abstractions;

namespace PricerLib.Tests.Tokenization;

public sealed class Llama3TokenizerTests(ITestOutputHelper output)
{
    private const string Question = "How much does this cost to the nearest dollar?\n\n";
    private const string PricePrefix = "\n\nPrice is $";

    // Ids from Meta's reference test ("This is a test sentence.") and from the test suite of llama3-tokenizer-js
    // (belladoreai), which works on code points; both are the ids Hugging Face's Llama 3 tokenizer gives.
    public static TheoryData<string, int[]> KnownIds => new()
    {
        { "Hello world", [9906, 1917] },
        { "This is a test sentence.", [2028, 374, 264, 1296, 11914, 13] },
        { "grabbed", [59312, 2788] },
        { " grabbed", [30418] },
        { "           grabbed", [1881, 30418] },
        { "\n", [198] },
        { " \n", [720] },
        { "\ttabs\t\t\t\tout here", [3324, 3518, 573, 14294, 1618] },
        { "镇", [104643] },
        { "🦙", [9468, 99, 247] },
        { "🦙Ꙋ", [9468, 99, 247, 166, 247, 232] },
        {
            "<|start_header_id|>This text has special tokens<|eom_id|> in the middle of it.<|end_header_id|><|eot_id|>",
            [128006, 2028, 1495, 706, 3361, 11460, 128008, 304, 279, 6278, 315, 433, 13, 128007, 128009]
        },
    };

    [SkippableTheory]
    [MemberData(nameof(KnownIds))]
    public void Encodes_known_strings_to_the_reference_ids(string text, int[] expected)
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        Assert.Equal(expected, tokenizer.Encode(text));
        Assert.Equal(expected.Length, tokenizer.CountTokens(text));
        Assert.Equal(text, tokenizer.Decode(expected));
    }

    [SkippableFact]
    public void Long_reference_text_with_emoji_and_non_BMP_letters_has_the_reference_count()
    {
        // llama3-tokenizer-js: 373 tokens with BOS and EOS, so 371 without.
        const string text = "The llama (/ˈlɑːmə/; 🦙Spanish pronunciation: [ˈʎama]) (Lama glama) is a domesticated South American camelid, widely used as a meat and pack animal by Andean cultures since the Pre-Columbian era. Llamas are social animals and live with others as a herd. Their wool is soft and contains only a small amount of lanolin.[2] Llamas can learn simple tasks after a few repetitions. When using a pack, they can carry about 25 to 30% of their body weight for 8 to 13 km (5–8 miles).[3] The name llama (in the past also spelled \"lama\" or \"glama\") was adopted by European settlers from native Peruvians.[4] The ancestors of llamas are thought to have originated from the Great Plains of North America about 40 million years ago, and subsequently migrated to South America about three million years ago during the Great American Interchange. By the end of the last ice age (10,000–12,000 years ago), camelids were extinct in North America.[3] As of 2007, there were over seven million llamas and alpacas in South America and over 158,000 llamas and 100,000Ꙋ🦙 alpacas, descended from progenitors imported late in the 20th century, in the United States and Canada.[5] In Aymara mythology, llamas are important beings. The Heavenly Llama is said to drink water from the ocean and urinates as it rains.[6] According to Aymara eschatology, llamas will return to the water springs and lagoons where they come from at the end of time.[6]";
        Assert.Equal(371, Llama3Fixture.Tokenizer.CountTokens(text));
    }

    [SkippableFact]
    public void Every_number_from_0_to_999_is_one_token_and_1000_is_two()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        for (int n = 0; n <= 999; n++)
            Assert.True(tokenizer.Encode(n.ToString()).Count == 1, $"{n} is not one token");
        // \p{N}{1,3}: digits go in groups of at most three.
        Assert.Equal([tokenizer.Encode("100")[0], tokenizer.Encode("0")[0]], tokenizer.Encode("1000"));
    }

    [SkippableFact]
    public void Non_BMP_letters_and_digits_are_split_as_Hugging_Face_splits_them()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        // Encoding a text must equal encoding each piece of its code-point split on its own (see
        // CodePointRegexPreTokenizerTests for why these are the pieces). A space before a digit is a piece of its own,
        // since digits take no prefix; .NET's UTF-16 split kept " 𝟏𝟎𝟎%" whole, and BPE then merged the space with
        // the digit's first bytes: one token fewer, as in 25 of the shared prompts.
        (string Text, string[] Pieces, bool NaiveDiffers)[] cases =
        [
            (" 𝟏𝟎𝟎%", [" ", "𝟏𝟎𝟎", "%"], true),
            (" 𝟐-𝐏𝐀𝐂𝐊", [" ", "𝟐", "-𝐏𝐀𝐂𝐊"], true),
            ("(𝐁𝐨𝐥𝐝)", ["(𝐁𝐨𝐥𝐝", ")"], false),
            ("𝟏𝟐𝟑𝟒𝟓", ["𝟏𝟐𝟑", "𝟒𝟓"], false),
            ("👍quality", ["👍quality"], false),
        ];
        var naive = NaiveTokenizer();
        foreach (var (text, pieces, naiveDiffers) in cases)
        {
            var ids = tokenizer.Encode(text);
            Assert.Equal(pieces.SelectMany(p => tokenizer.Encode(p)), ids);
            Assert.Equal(naiveDiffers, !naive.EncodeToIds(text).SequenceEqual(ids));
        }
    }

    [SkippableFact]
    public void Decode_reads_joined_token_bytes_as_lossy_UTF8_like_Hugging_Face()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        var ids = tokenizer.Encode("é€😀");
        // 😀 (F0 9F 98 80) spans two tokens; cutting the last one leaves F0 9F 98, one maximal subpart → one U+FFFD.
        Assert.Equal("é€\uFFFD", tokenizer.Decode(ids.Take(ids.Count - 1)));

        // Any id sequence: the same as .NET's (= Rust's from_utf8_lossy) decoding of the bytes from the ranks file.
        var bytesOf = File.ReadLines(Llama3Fixture.ModelPath).Select(line => line.Split(' '))
            .ToDictionary(p => int.Parse(p[1]), p => Convert.FromBase64String(p[0]));
        var singleBytes = bytesOf.Where(kv => kv.Value.Length == 1).Select(kv => kv.Key).ToArray();
        var random = new Random(20240);
        for (int trial = 0; trial < 5000; trial++)
        {
            var sequence = Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => random.Next(2) == 0 ? singleBytes[random.Next(singleBytes.Length)] : random.Next(bytesOf.Count))
                .ToArray();
            var expected = Encoding.UTF8.GetString(sequence.SelectMany(id => bytesOf[id]).ToArray());
            Assert.Equal(expected, tokenizer.Decode(sequence));
        }
    }

    [SkippableFact]
    public void Special_ids_decode_to_their_names()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        Assert.Equal("<|begin_of_text|>Hi<|eot_id|>", tokenizer.Decode([128000, .. tokenizer.Encode("Hi"), 128009]));
        Assert.Equal("<|reserved_special_token_247|>", tokenizer.Decode([128255]));
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Every_shared_prompt_round_trips_and_its_text_has_at_most_160_tokens()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        var prompts = Llama3Fixture.Prompts;
        Assert.Equal(10_439, prompts.Length);
        var failures = prompts.AsParallel().Where(p =>
        {
            var ids = tokenizer.Encode(p);
            return tokenizer.Decode(ids) != p || tokenizer.CountTokens(p) != ids.Count;
        }).Take(3).ToList();
        Assert.Empty(failures);

        var overLong = prompts.AsParallel().Select(p =>
        {
            Assert.StartsWith(Question, p);
            int end = p.LastIndexOf(PricePrefix, StringComparison.Ordinal);
            Assert.True(end > Question.Length, "no price line");
            var text = p[Question.Length..end];
            return (Text: text, Tokens: tokenizer.CountTokens(text));
        }).Where(x => x.Tokens > 160).ToList();
        // The course cut at 160 tokens and then cleaned up spaces; a join such as "story 'scenes'" → "story'scenes'"
        // can re-encode one token longer. Every text over 160 must be explained so: one space put back before a
        // clean-up target brings it to 160 or fewer.
        foreach (var (text, tokens) in overLong)
        {
            output.WriteLine($"{tokens} tokens after clean-up: {text[..60]}…");
            Assert.True(UndoOneCleanUp(text).Any(t => tokenizer.CountTokens(t) <= 160), $"{tokens} tokens: {text}");
        }
    }

    /// <summary>The texts with one space put back where the clean-up may have removed one.</summary>
    private static IEnumerable<string> UndoOneCleanUp(string text)
    {
        string[] joined = [".", "?", "!", ",", "'", "n't", "'m", "'s", "'ve", "'re"];
        for (int i = 1; i < text.Length; i++)
            if (text[i - 1] != ' ' && joined.Any(j => text.AsSpan(i).StartsWith(j, StringComparison.Ordinal)))
                yield return text.Insert(i, " ");
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Counts_of_shared_prompts_with_non_BMP_characters_equal_the_surrogate_pair_reference()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        var reference = TiktokenTokenizer.Create(Llama3Fixture.ModelPath,
            new RegexPreTokenizer(new Regex(SurrogatePairPattern.Build(), RegexOptions.Compiled), null), null, null);
        var naive = NaiveTokenizer();
        var nonBmp = Llama3Fixture.Prompts.Where(Llama3Fixture.HasSurrogates).ToList();
        int changed = 0;
        foreach (var prompt in nonBmp)
        {
            Assert.Equal(reference.EncodeToIds(prompt), tokenizer.Encode(prompt));
            if (naive.CountTokens(prompt) != tokenizer.CountTokens(prompt))
                changed++;
        }
        output.WriteLine($"{nonBmp.Count} of {Llama3Fixture.Prompts.Length} shared prompts contain non-BMP characters; " +
                         $"the code-point split changes the count of {changed} of them.");
        Assert.NotEmpty(nonBmp);
        Assert.True(changed > 0, "the shared prompts no longer show the UTF-16 split difference");
    }

    [SkippableFact]
    public void Bad_tiktoken_files_give_a_clear_TokenizerLoadException()
    {
        using var dir = new TempDir();
        var missing = dir.File("missing.model");
        Assert.Contains("not found", Assert.Throws<TokenizerLoadException>(() => Llama3Tokenizer.FromTiktokenFile(missing)).Message);

        var empty = dir.File("empty.model");
        File.WriteAllText(empty, "");
        Assert.Contains("empty", Assert.Throws<TokenizerLoadException>(() => Llama3Tokenizer.FromTiktokenFile(empty)).Message);

        var json = dir.File("tokenizer.json");
        File.WriteAllText(json, "{\"model\": {\"type\": \"BPE\"}}");
        Assert.Contains("first line", Assert.Throws<TokenizerLoadException>(() => Llama3Tokenizer.FromTiktokenFile(json)).Message);

        // A well-formed tiktoken file that is not Llama 3's: its special ids would be wrong.
        var small = dir.File("small.tiktoken");
        File.WriteAllLines(small, Enumerable.Range(0, 256).Select(b => $"{Convert.ToBase64String([(byte)b])} {b}"));
        Assert.Contains("128,000", Assert.Throws<TokenizerLoadException>(() => Llama3Tokenizer.FromTiktokenFile(small)).Message);

        var broken = dir.File("broken.model");
        File.WriteAllLines(broken, ["IQ== 0", "this is not base64 at all"]);
        Assert.Throws<TokenizerLoadException>(() => Llama3Tokenizer.FromTiktokenFile(broken));
    }

    /// <summary>The first version: the split pattern run by .NET's regex on UTF-16 units.</summary>
    private static TiktokenTokenizer NaiveTokenizer() => TiktokenTokenizer.Create(Llama3Fixture.ModelPath,
        new RegexPreTokenizer(new Regex(Llama3Tokenizer.SplitPattern, RegexOptions.Compiled), null), null, null);
}
