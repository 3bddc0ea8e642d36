using Microsoft.ML.Tokenizers;

namespace PricerLib.Tokenization;

/// <summary>
/// The Llama 3 / 3.1 tokenizer from Meta's tiktoken-format <c>tokenizer.model</c>, via Microsoft.ML.Tokenizers,
/// token-exact with the Hugging Face tokenizer the course uses (also outside the Basic Multilingual Plane).
/// </summary>
/// <remarks>
/// Thread-safe, and scales with threads: each thread encodes with its own Microsoft.ML.Tokenizers instance, because
/// one shared instance serialises its threads on the lock of its piece cache (measured: 2 threads on one instance were
/// no faster than 1; on two instances, 2× faster). Each instance holds the vocabulary (~29 MB).
/// </remarks>
public sealed class Llama3Tokenizer : ITextTokenizer
{
    /// <summary>Llama 3's pre-tokenizer split pattern, as in Meta's reference tokenizer and Hugging Face's tokenizer.json.</summary>
    public const string SplitPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>
    /// <see cref="SplitPattern"/> for .NET's regex engine: under <c>(?i)</c>, Oniguruma and Rust's regex match "s"
    /// with U+017F (ſ, which case-folds to "s"); .NET does not, so the pattern names it. Run it with
    /// <see cref="CodePointRegexPreTokenizer"/>, which supplies the code-point view of <c>\p{L}</c> and <c>\p{N}</c>.
    /// </summary>
    public const string DotNetSplitPattern =
        @"(?i:'[sſ]|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>The number of ranks in Meta's Llama 3 <c>tokenizer.model</c>; special tokens follow them.</summary>
    public const int RegularTokenCount = 128000;

    // Microsoft.ML.Tokenizers caches the ids of recent pre-token pieces; its default of 8,192 pieces is too small for
    // product text, where a 65,536-piece cache made encoding the shared prompts about 1.5x faster, for a few MB.
    private const int PieceCacheSize = 1 << 16;

    private readonly ThreadLocal<TiktokenTokenizer> _perThread;
    private readonly Lazy<Llama3Encoder> _fast;

    private Llama3Tokenizer(byte[] model, TiktokenTokenizer first, string name)
    {
        var firstTaken = 0;
        _perThread = new(() => Interlocked.Exchange(ref firstTaken, 1) == 0 ? first : Create(model));
        _fast = new(() => new Llama3Encoder(Ranks(model), SpecialTokens(), name + ", fast"));
        Name = name;
    }

    /// <summary>
    /// The same vocabulary through the hand-written <see cref="Llama3Encoder"/>: the same ids, counts and text as this
    /// tokenizer (Microsoft.ML.Tokenizers), several times faster. Built on first use.
    /// </summary>
    public Llama3Encoder Fast => _fast.Value;

    /// <summary>Token bytes by rank from a tiktoken file (<c>&lt;base64 token&gt; &lt;rank&gt;</c> per line, ranks 0…n−1).</summary>
    internal static byte[][] Ranks(byte[] model)
    {
        var ranks = new byte[RegularTokenCount][];
        using var reader = new StreamReader(new MemoryStream(model, writable: false));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            int space = line.IndexOf(' ');
            ranks[int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture)] = Convert.FromBase64String(line[..space]);
        }
        return ranks;
    }

    private TiktokenTokenizer Tokenizer => _perThread.Value!;

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// Loads a tiktoken-format <c>tokenizer.model</c> file (<c>&lt;base64 token&gt; &lt;rank&gt;</c> per line, 128,000 ranks),
    /// such as the one in Meta's public meta-llama/llama-models repository (no Hugging Face login needed).
    /// </summary>
    /// <exception cref="TokenizerLoadException">The file is missing, empty, or not a Llama 3 tiktoken file.</exception>
    public static Llama3Tokenizer FromTiktokenFile(string path)
    {
        TokenizerFiles.RequireNonEmptyFile(path);
        if (!TokenizerFiles.LooksLikeTiktoken(path))
            throw new TokenizerLoadException(
                $"{path} is not a tiktoken-format tokenizer.model: its first line is not '<base64 token> <rank>'. " +
                TokenizerFiles.WhatToGive);

        byte[] model;
        TiktokenTokenizer tokenizer;
        try
        {
            model = File.ReadAllBytes(path);
            tokenizer = Create(model);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            throw new TokenizerLoadException($"{path} could not be read as a tiktoken tokenizer.model: {e.Message}", e);
        }

        // The special ids sit right after the ranks, so another tiktoken vocabulary (e.g. cl100k's) would get wrong ids.
        int regular = File.ReadLines(path).Count(line => line.Length > 0);
        if (regular != RegularTokenCount)
            throw new TokenizerLoadException(
                $"{path} has {regular:N0} ranks; Llama 3's tokenizer.model has {RegularTokenCount:N0}. " + TokenizerFiles.WhatToGive);
        return new Llama3Tokenizer(model, tokenizer, $"llama3 ({Path.GetFileName(path)})");
    }

    private static TiktokenTokenizer Create(byte[] model)
    {
        var special = SpecialTokens();
        return TiktokenTokenizer.Create(new MemoryStream(model, writable: false),
            new CodePointRegexPreTokenizer(DotNetSplitPattern, special), normalizer: null, special, PieceCacheSize);
    }

    /// <summary>Llama 3.1's 256 special tokens, ids 128000–128255 (a new dictionary each call).</summary>
    public static Dictionary<string, int> SpecialTokens()
    {
        string[] named =
        [
            "<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
            "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
            "<|eom_id|>", "<|eot_id|>", "<|python_tag|>",
        ];
        var special = new Dictionary<string, int>();
        for (int i = 0; i < 256; i++)
            special[i < named.Length ? named[i] : $"<|reserved_special_token_{i - named.Length + 3}|>"] = RegularTokenCount + i;
        return special;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Like Hugging Face's tokenizer, special-token text in the input (e.g. "&lt;|eot_id|&gt;") becomes its special id.
    /// </remarks>
    public IReadOnlyList<int> Encode(string text) =>
        Tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: false);

    /// <inheritdoc />
    public int CountTokens(string text) =>
        Tokenizer.CountTokens(text, considerPreTokenization: true, considerNormalization: false);

    /// <inheritdoc />
    /// <remarks>Microsoft.ML.Tokenizers joins the tokens' bytes and reads them as lossy UTF-8 (checked in the tests).</remarks>
    public string Decode(IEnumerable<int> ids) => Tokenizer.Decode(ids);
}
