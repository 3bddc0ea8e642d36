using System.Text;
using PricerLib.Tokenization;

namespace PricerLib.Local.Synthetic;

/// <summary>
/// Llama 3's tokenizer as a GGUF file stores it (<c>tokenizer.ggml.*</c>), made from Meta's tiktoken-format
/// <c>tokenizer.model</c> the way the official conversions do: Hugging Face's <c>TikTokenConverter</c> turns the ranks
/// into a byte-level BPE vocabulary and merges (<c>tokenizer.json</c>), and llama.cpp's <c>convert_hf_to_gguf.py</c>
/// writes those with model "gpt2", pre-tokenizer "llama-bpe", special tokens as CONTROL.
/// </summary>
public sealed class Llama3GgufVocabulary
{
    /// <summary>llama.cpp's token type of ordinary tokens (<c>LLAMA_TOKEN_TYPE_NORMAL</c>).</summary>
    public const int NormalType = 1;

    /// <summary>llama.cpp's token type of special tokens (<c>LLAMA_TOKEN_TYPE_CONTROL</c>).</summary>
    public const int ControlType = 3;

    /// <summary>&lt;|begin_of_text|&gt;.</summary>
    public const int BeginOfText = 128000;

    /// <summary>&lt;|end_of_text|&gt;: the base models' end of sequence (the Instruct models' is &lt;|eot_id|&gt;).</summary>
    public const int EndOfText = 128001;

    private Llama3GgufVocabulary(string[] tokens, int[] types, string[] merges)
    {
        Tokens = tokens;
        TokenTypes = types;
        Merges = merges;
    }

    /// <summary>Token strings by id: the byte-level (GPT-2 alphabet) text of each rank, then the special tokens.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Token types by id.</summary>
    public IReadOnlyList<int> TokenTypes { get; }

    /// <summary>BPE merges, "left right" in the byte-level alphabet, in priority order.</summary>
    public IReadOnlyList<string> Merges { get; }

    /// <summary>Reads Meta's <c>tokenizer.model</c> (checked as <see cref="Llama3Tokenizer.FromTiktokenFile"/> does).</summary>
    /// <exception cref="TokenizerLoadException">Missing, or not Llama 3's tiktoken file.</exception>
    public static Llama3GgufVocabulary FromTiktokenFile(string path)
    {
        Llama3Tokenizer.FromTiktokenFile(path); // the checks, with their messages
        var ranks = Llama3Tokenizer.Ranks(File.ReadAllBytes(path));
        var special = Llama3Tokenizer.SpecialTokens().OrderBy(s => s.Value).Select(s => s.Key);
        var alphabet = ByteAlphabet();
        string Text(byte[] bytes) => string.Create(bytes.Length, bytes, (span, b) => { for (int i = 0; i < b.Length; i++) span[i] = alphabet[b[i]]; });

        var tokens = ranks.Select(Text).Concat(special).ToArray();
        var types = Enumerable.Range(0, tokens.Length).Select(id => id < ranks.Length ? NormalType : ControlType).ToArray();
        return new Llama3GgufVocabulary(tokens, types, MergesOf(ranks).Select(m => $"{Text(m.Left)} {Text(m.Right)}").ToArray());
    }

    /// <summary>
    /// The merges of a tiktoken vocabulary, as Hugging Face's <c>TikTokenConverter.extract_vocab_merges_from_model</c>
    /// finds them: for each token, in rank order, every split into two tokens, ordered by the halves' ranks.
    /// </summary>
    private static IEnumerable<(byte[] Left, byte[] Right)> MergesOf(byte[][] ranks)
    {
        // Latin-1 keeps one char per byte, so a string is an exact dictionary key for a byte sequence.
        var rankOf = new Dictionary<string, int>(ranks.Length, StringComparer.Ordinal);
        for (int r = 0; r < ranks.Length; r++) rankOf[Encoding.Latin1.GetString(ranks[r])] = r;
        foreach (var token in ranks)
        {
            if (token.Length == 1) continue;
            var key = Encoding.Latin1.GetString(token);
            var splits = new List<(int LeftRank, int RightRank, int At)>();
            for (int at = 1; at < token.Length; at++)
                if (rankOf.TryGetValue(key[..at], out int left) && rankOf.TryGetValue(key[at..], out int right))
                    splits.Add((left, right, at));
            foreach (var split in splits.OrderBy(s => s.LeftRank).ThenBy(s => s.RightRank))
                yield return (token[..split.At], token[split.At..]);
        }
    }

    /// <summary>GPT-2's <c>bytes_to_unicode</c>: printable bytes stand for themselves, the others for code points from 256 on.</summary>
    private static char[] ByteAlphabet()
    {
        var alphabet = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
            alphabet[b] = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF ? (char)b : (char)next++;
        return alphabet;
    }
}
