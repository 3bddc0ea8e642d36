using Microsoft.ML.Tokenizers;

namespace PricerLib.Retrieval;

/// <summary>
/// all-MiniLM-L6-v2's tokenizer with Hugging Face's <c>BertTokenizer</c> semantics: <see cref="BertTextNormalizer"/>,
/// <see cref="BertPreTokenizer"/>, then <c>Microsoft.ML.Tokenizers</c>' WordPiece (<c>##</c> continuations, a word over
/// 100 characters → <c>[UNK]</c>), framed by <c>[CLS]</c> … <c>[SEP]</c> and truncated to
/// <see cref="SentenceEmbedder.MaxTokens"/> as sentence-transformers does (the first 254 word pieces are kept).
/// </summary>
public sealed class MiniLmTokenizer
{
    private readonly WordPieceTokenizer _wordPiece;
    private readonly string[] _tokens;

    /// <summary>Reads a BERT <c>vocab.txt</c> (one token a line, the line number its id).</summary>
    public MiniLmTokenizer(byte[] vocabulary)
    {
        _tokens = System.Text.Encoding.UTF8.GetString(vocabulary).Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        _wordPiece = WordPieceTokenizer.Create(new MemoryStream(vocabulary), new WordPieceOptions
        {
            Normalizer = new BertTextNormalizer(),
            PreTokenizer = new BertPreTokenizer(),
            UnknownToken = "[UNK]",
            ContinuingSubwordPrefix = "##",
            MaxInputCharsPerWord = 100,
        });
        ClsId = Id("[CLS]");
        SepId = Id("[SEP]");
    }

    /// <summary>The id of <c>[CLS]</c>, first in every sequence.</summary>
    public int ClsId { get; }

    /// <summary>The id of <c>[SEP]</c>, last in every sequence.</summary>
    public int SepId { get; }

    /// <summary>The ids the model sees for <paramref name="text"/>: <c>[CLS]</c>, at most 254 word pieces, <c>[SEP]</c>.</summary>
    public int[] Encode(string text, int maxTokens = SentenceEmbedder.MaxTokens)
    {
        var pieces = _wordPiece.EncodeToIds(text);
        int kept = Math.Min(pieces.Count, maxTokens - 2);
        var ids = new int[kept + 2];
        ids[0] = ClsId;
        for (int i = 0; i < kept; i++) ids[i + 1] = pieces[i];
        ids[^1] = SepId;
        return ids;
    }

    /// <summary>The vocabulary entry of each id, <c>##</c> continuations as written (for showing what the model saw).</summary>
    public IReadOnlyList<string> Tokens(IEnumerable<int> ids) => ids.Select(id => _tokens[id]).ToList();

    private int Id(string token) => _wordPiece.SpecialTokens?.TryGetValue(token, out int id) == true
        ? id
        : _wordPiece.EncodeToIds(token, considerPreTokenization: false, considerNormalization: false) is [var only] && only != _wordPiece.UnknownTokenId
            ? only
            : throw new EmbedderException($"The vocabulary has no {token} token: not a BERT vocab.txt.");
}
