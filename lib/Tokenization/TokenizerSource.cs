namespace PricerLib.Tokenization;

/// <summary>Picks and loads the tokenizer the user named, else the downloaded one, else the cl100k_base fallback.</summary>
public static class TokenizerSource
{
    /// <summary>The environment variable read when no tokenizer path is given: a path as for <see cref="Load(string?, TextWriter?)"/>.</summary>
    public const string EnvironmentVariable = WorkbookSettings.Variables.Tokenizer;

    /// <summary>
    /// Loads a tokenizer: a GGUF model file (by its <c>GGUF</c> magic; <c>.gguf</c> files must have it) through
    /// <see cref="GgufTokenizer"/>, any other file as a tiktoken-format Llama 3 <c>tokenizer.model</c> through
    /// <see cref="Llama3Tokenizer"/>.
    /// </summary>
    /// <param name="path">
    /// The tokenizer file. When null or empty, the settings' tokenizer (<c>PRICER_TOKENIZER</c>, see
    /// <see cref="WorkbookSettings.Tokenizer"/>) is used; when that is unset too, the tokenizer that
    /// <c>pricer download-tokenizer</c> put in the cache folder (<see cref="WorkbookSettings.Cache"/>), if any; else
    /// OpenAI's cl100k_base (<see cref="Cl100kFallback"/>) is returned and a warning says counts are approximate.
    /// </param>
    /// <param name="warnings">Where the fallback warning goes; <see cref="Console.Error"/> when null.</param>
    /// <returns>The tokenizer; dispose it when it is <see cref="IDisposable"/> (GGUF).</returns>
    /// <exception cref="TokenizerLoadException">
    /// The file does not exist, is empty, or is neither a GGUF model nor a Llama 3 tiktoken file.
    /// </exception>
    public static ITextTokenizer Load(string? path, TextWriter? warnings = null) => Load(path, warnings, WorkbookSettings.Current);

    /// <summary>
    /// As <see cref="Load(string?, TextWriter?)"/> with <paramref name="settings"/>' tokenizer and cache folder (the
    /// downloaded tokenizer sits at <see cref="LlamaTokenizerDownloader.CachedModelPath"/>) instead of this process's.
    /// </summary>
    /// <exception cref="TokenizerLoadException">As for <see cref="Load(string?, TextWriter?)"/>.</exception>
    public static ITextTokenizer Load(string? path, TextWriter? warnings, WorkbookSettings settings)
    {
        if (string.IsNullOrEmpty(path))
            path = settings.Tokenizer;
        if (string.IsNullOrEmpty(path) && LlamaTokenizerDownloader.CachedModelPath(settings.Cache) is var cached && File.Exists(cached))
            path = cached;
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
        "and differ from the course's Llama 3.1 counts. For exact counts run `pricer download-tokenizer` once (Meta's " +
        "public tokenizer.model, no login; it lands in the cache folder, where it is found from then on), or pass " +
        "--tokenizer PATH or set " + EnvironmentVariable + "=PATH, where PATH is Meta's Llama 3 tokenizer.model or any Llama 3.x GGUF file.";
}
