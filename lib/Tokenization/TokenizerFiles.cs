using System.Text;
using System.Text.RegularExpressions;

namespace PricerLib.Tokenization;

/// <summary>Checks on a tokenizer file made before a library parses it, so that bad files get a clear message.</summary>
internal static partial class TokenizerFiles
{
    /// <summary>The sentence that ends every "wrong file" message.</summary>
    public const string WhatToGive =
        "Give Meta's Llama 3 tokenizer.model (tiktoken format, public without login at " +
        "https://github.com/meta-llama/llama-models/raw/main/models/llama3/tokenizer.model) or a Llama 3.x GGUF model file (Llama 3, 3.1, 3.2 or 3.3).";

    private static ReadOnlySpan<byte> GgufMagic => "GGUF"u8;

    /// <exception cref="TokenizerLoadException">The path is not an existing, non-empty file.</exception>
    public static void RequireNonEmptyFile(string path)
    {
        if (Directory.Exists(path))
            throw new TokenizerLoadException($"Tokenizer path {path} is a folder, not a file. {WhatToGive}");
        if (!File.Exists(path))
            throw new TokenizerLoadException($"Tokenizer file not found: {path}");
        if (new FileInfo(path).Length == 0)
            throw new TokenizerLoadException($"Tokenizer file {path} is empty. {WhatToGive}");
    }

    /// <summary>Whether the file starts with the GGUF magic bytes.</summary>
    public static bool HasGgufMagic(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(GgufMagic);
    }

    /// <summary>Whether the file's first line is <c>&lt;base64 token&gt; &lt;rank&gt;</c>.</summary>
    public static bool LooksLikeTiktoken(string path)
    {
        // A tiktoken line is short; 1 KiB is ample and keeps a binary file from being read whole.
        var head = new byte[1024];
        int n;
        using (var stream = File.OpenRead(path))
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        int end = Array.IndexOf(head, (byte)'\n', 0, n);
        var firstLine = Encoding.ASCII.GetString(head, 0, end < 0 ? n : end);
        return TiktokenLine().IsMatch(firstLine);
    }

    [GeneratedRegex(@"^[A-Za-z0-9+/]+={0,2} [0-9]+\r?$")]
    private static partial Regex TiktokenLine();
}
