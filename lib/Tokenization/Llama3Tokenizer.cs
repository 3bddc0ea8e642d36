using System.Text;
using Microsoft.ML.Tokenizers;

namespace PricerLib.Tokenization;

/// <summary>
/// The Llama 3 / 3.1 tokenizer from Meta's tiktoken-format <c>tokenizer.model</c>, via Microsoft.ML.Tokenizers.
/// </summary>
public sealed class Llama3Tokenizer : ITextTokenizer
{
    /// <summary>Llama 3's pre-tokenizer split pattern (from Meta's reference tokenizer).</summary>
    public const string SplitPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private const int FirstSpecialId = 128000;
    private readonly TiktokenTokenizer _tokenizer;

    private Llama3Tokenizer(TiktokenTokenizer tokenizer, string name)
    {
        _tokenizer = tokenizer;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Loads a tiktoken-format <c>tokenizer.model</c> file.</summary>
    public static Llama3Tokenizer FromTiktokenFile(string path)
    {
        var special = SpecialTokens();
        using var stream = File.OpenRead(path);
        var preTokenizer = new RegexPreTokenizer(new System.Text.RegularExpressions.Regex(SplitPattern,
            System.Text.RegularExpressions.RegexOptions.Compiled), special);
        var tokenizer = TiktokenTokenizer.Create(stream, preTokenizer, normalizer: null, special);
        return new Llama3Tokenizer(tokenizer, $"llama3 ({Path.GetFileName(path)})");
    }

    /// <summary>Llama 3.1's 256 special tokens, ids 128000–128255.</summary>
    private static Dictionary<string, int> SpecialTokens()
    {
        string[] named =
        [
            "<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
            "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
            "<|eom_id|>", "<|eot_id|>", "<|python_tag|>",
        ];
        var special = new Dictionary<string, int>();
        for (int i = 0; i < 256; i++)
            special[i < named.Length ? named[i] : $"<|reserved_special_token_{i - named.Length + 3}|>"] = FirstSpecialId + i;
        return special;
    }

    public IReadOnlyList<int> Encode(string text) =>
        _tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: false);

    public int CountTokens(string text) => _tokenizer.CountTokens(text);

    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);
}
