using System.Security.Cryptography;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

/// <summary>The files of Meta's models/llama3/ folder as a local server serves them: the real shared copies.</summary>
internal static class MetaRepository
{
    public const string ModelPath = LlamaTokenizerDownloader.RepositoryFolder + LlamaTokenizerDownloader.ModelFileName;

    private static readonly Lazy<byte[]> LazyModel = new(() => File.ReadAllBytes(Shared.Llama3TokenizerModel));

    public static byte[] Model => LazyModel.Value;

    /// <summary>The repository's files, with <paramref name="model"/> (default: the real one) as tokenizer.model.</summary>
    public static Dictionary<string, byte[]> Files(byte[]? model = null) => new()
    {
        [ModelPath] = model ?? Model,
        [LlamaTokenizerDownloader.RepositoryFolder + "LICENSE"] = File.ReadAllBytes(Shared.Llama3License),
        [LlamaTokenizerDownloader.RepositoryFolder + "USE_POLICY.md"] = File.ReadAllBytes(Shared.Llama3UsePolicy),
    };

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
