using System.Text.Json;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

/// <summary>The Llama 3 tokenizer and the shared prompts, loaded once for all tests of this area.</summary>
internal static class Llama3Fixture
{
    private static readonly Lazy<Llama3Tokenizer> LazyTokenizer = new(() => Llama3Tokenizer.FromTiktokenFile(ModelPath));
    private static readonly Lazy<string[]> LazyPrompts = new(() => File.ReadLines(Shared.Items)
        .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("prompt").GetString()!).ToArray());

    public static string ModelPath => Shared.Llama3TokenizerModel;

    public static Llama3Tokenizer Tokenizer
    {
        get { _ = ModelPath; return LazyTokenizer.Value; }  // skips first where ../shared is absent
    }

    public static string[] Prompts
    {
        get { _ = Shared.Items; return LazyPrompts.Value; }
    }

    public static bool HasSurrogates(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
}
