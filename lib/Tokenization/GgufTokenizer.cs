using System.Buffers;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;

namespace PricerLib.Tokenization;

/// <summary>
/// The tokenizer inside a GGUF model file (any llama.cpp model, e.g. a Llama 3.x GGUF carries the Llama 3 vocabulary),
/// loaded vocabulary-only through LLamaSharp: no weights are read.
/// </summary>
/// <remarks>
/// Encoding adds no BOS and treats special-token text in the input as plain text. Decoding joins the tokens' bytes and
/// reads them as lossy UTF-8; for SentencePiece vocabularies (Llama 2) the space the tokenizer put in front of the
/// text is removed again, as llama.cpp's and Hugging Face's decoders do, so that text round-trips.
/// </remarks>
public sealed class GgufTokenizer : ITextTokenizer, IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly bool _addsSpacePrefix;

    private GgufTokenizer(LLamaWeights weights, string name)
    {
        _weights = weights;
        Name = name;
        _addsSpacePrefix = AddsSpacePrefix(weights);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of tokens in the vocabulary.</summary>
    public int VocabularySize => _weights.NativeHandle.Vocab.Count;

    /// <summary>Loads the vocabulary of a GGUF model file.</summary>
    /// <exception cref="TokenizerLoadException">The file is missing, empty, not GGUF, or llama.cpp cannot read it.</exception>
    public static GgufTokenizer Load(string path)
    {
        TokenizerFiles.RequireNonEmptyFile(path);
        // llama.cpp only logs why a file is wrong; checking the magic first gives the user a message.
        if (!TokenizerFiles.HasGgufMagic(path))
            throw new TokenizerLoadException($"{path} is not a GGUF file (it does not start with 'GGUF'). {TokenizerFiles.WhatToGive}");
        // llama.cpp logs every metadata key of a file it loads at info level; the shared hook keeps warnings and errors.
        PricerLib.Local.NativeLog.Install();
        try
        {
            var weights = LLamaWeights.LoadFromFile(new ModelParams(path) { VocabOnly = true });
            return new GgufTokenizer(weights, $"gguf ({Path.GetFileName(path)}, {weights.NativeHandle.Vocab.Type})");
        }
        catch (LoadWeightsFailedException e)
        {
            throw new TokenizerLoadException($"llama.cpp could not load the vocabulary of {path} (truncated or unsupported GGUF?).", e);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = _weights.Tokenize(text, add_bos: false, special: false, Encoding.UTF8);
        var ids = new int[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
            ids[i] = (int)tokens[i];
        return ids;
    }

    /// <inheritdoc />
    public int CountTokens(string text) => Encode(text).Count;

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new ArrayBufferWriter<byte>();
        bool first = true;
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)VocabularySize)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id outside the vocabulary of {Name}.");
            int lstrip = first && _addsSpacePrefix ? 1 : 0;
            first = false;
            var token = (LLamaToken)id;
            int size = (int)_weights.NativeHandle.TokenToSpan(token, bytes.GetSpan(64), lstrip, special: true);
            if (size > 64)
                size = (int)_weights.NativeHandle.TokenToSpan(token, bytes.GetSpan(size), lstrip, special: true);
            bytes.Advance(size);
        }
        return Encoding.UTF8.GetString(bytes.WrittenSpan);
    }

    /// <summary>Releases the native vocabulary.</summary>
    public void Dispose() => _weights.Dispose();

    // llama.cpp's default: SentencePiece vocabularies put a space in front of the text unless the file says otherwise.
    private static bool AddsSpacePrefix(LLamaWeights weights) =>
        weights.Metadata.TryGetValue("tokenizer.ggml.add_space_prefix", out var value) && bool.TryParse(value, out var flag)
            ? flag
            : weights.NativeHandle.Vocab.Type == LLamaVocabType.SentencePiece;
}
