namespace PricerLib.Tokenization;

/// <summary>Picks and loads the tokenizer the user named, or the cl100k_base fallback.</summary>
public static class TokenizerSource
{
    /// <summary>The environment variable read when no tokenizer path is given: a path as for <see cref="Load"/>.</summary>
    public const string EnvironmentVariable = "PRICER_TOKENIZER";

    /// <summary>
    /// Loads a tokenizer: a GGUF model file (by its <c>GGUF</c> magic; <c>.gguf</c> files must have it) through
    /// <see cref="GgufTokenizer"/>, any other file as a tiktoken-format Llama 3 <c>tokenizer.model</c> through
    /// <see cref="Llama3Tokenizer"/>.
    /// </summary>
    /// <param name="path">
    /// The tokenizer file. When null or empty, the environment variable <c>PRICER_TOKENIZER</c> (see
    /// <see cref="EnvironmentVariable"/>) is used; when that is unset or empty too, OpenAI's cl100k_base
    /// (<see cref="Cl100kFallback"/>) is returned and a warning says counts are approximate.
    /// </param>
    /// <param name="warnings">Where the fallback warning goes; <see cref="Console.Error"/> when null.</param>
    /// <returns>The tokenizer; dispose it when it is <see cref="IDisposable"/> (GGUF).</returns>
    /// <exception cref="TokenizerLoadException">
    /// The file does not exist, is empty, or is neither a GGUF model nor a Llama 3 tiktoken file.
    /// </exception>
    public static ITextTokenizer Load(string? path, TextWriter? warnings = null)
    {
        if (string.IsNullOrEmpty(path))
            path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(path))
        {
            (warnings ?? Console.Error).WriteLine(FallbackWarning);
            return new Cl100kFallback();
        }

        TokenizerFiles.RequireNonEmptyFile(path);
        if (TokenizerFiles.HasGgufMagic(path) || path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
            return GgufTokenizer.Load(path);
        if (!TokenizerFiles.LooksLikeTiktoken(path))
            throw new TokenizerLoadException(
                $"{path} is neither a GGUF model nor a tiktoken-format tokenizer.model ('<base64 token> <rank>' per line). " +
                "Llama 2 SentencePiece models and Hugging Face tokenizer.json files are not read. " + TokenizerFiles.WhatToGive);
        return Llama3Tokenizer.FromTiktokenFile(path);
    }

    /// <summary>The warning printed when no Llama tokenizer is given.</summary>
    public const string FallbackWarning =
        "warning: no Llama tokenizer given, so tokens are counted with OpenAI's cl100k_base: counts are approximate " +
        "and differ from the course's Llama 3.1 counts. For exact counts pass --tokenizer PATH or set " + EnvironmentVariable +
        "=PATH, where PATH is Meta's Llama 3 tokenizer.model (public, no login: " +
        "https://github.com/meta-llama/llama-models/raw/main/models/llama3/tokenizer.model) or any Llama 3.x GGUF file.";
}
