using Microsoft.ML.Tokenizers;

namespace PricerLib.Tokenization;

/// <summary>
/// OpenAI's cl100k_base vocabulary (GPT-4), bundled offline by Microsoft.ML.Tokenizers.Data.Cl100kBase: the stand-in
/// when no Llama tokenizer is given. Its counts are close to Llama 3's but not equal; see <see cref="TokenizerSource"/>.
/// </summary>
public sealed class Cl100kFallback : ITextTokenizer
{
    private readonly TiktokenTokenizer _tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    /// <inheritdoc />
    public string Name => "cl100k_base (fallback, approximate)";

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text) =>
        _tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: false);

    /// <inheritdoc />
    public int CountTokens(string text) =>
        _tokenizer.CountTokens(text, considerPreTokenization: true, considerNormalization: false);

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);
}
