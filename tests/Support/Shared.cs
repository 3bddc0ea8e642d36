using PricerLib;

namespace PricerLib.Tests.Support;

/// <summary>
/// The read-only <c>../shared</c> material. Tests that need it call <see cref="Require"/>, which skips with a clear
/// message only where <c>../shared</c> is absent (CI has it, so there they run).
/// </summary>
public static class Shared
{
    public static string Require(params string[] relative)
    {
        var root = ProjectPaths.Shared;
        Skip.If(root is null, "../shared is absent beside the checkout (set PRICER_SHARED to point at it); skipping.");
        var path = Path.Combine([root!, .. relative]);
        Skip.If(!File.Exists(path) && !Directory.Exists(path), $"{path} is missing from the shared material; skipping.");
        return path;
    }

    public static string Items => Require("data", "amazon-items-2024.jsonl");
    public static string Llama3TokenizerModel => Require("models", "llama3-tokenizer", "tokenizer.model");
    public static string Llama3License => Require("models", "llama3-tokenizer", "LICENSE");
    public static string Llama3UsePolicy => Require("models", "llama3-tokenizer", "USE_POLICY.md");
    public static string StoriesGguf => Require("models", "stories260K.gguf");
    public static string TinyRandomGguf => Require("models", "llama-2-tiny-random.gguf");
}
