using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

[Collection(TokenizerProcessStateCollection.Name)]
public sealed class TokenizerSourceTests
{
    [SkippableFact]
    public void No_path_no_environment_variable_and_no_download_falls_back_to_cl100k_with_a_warning()
    {
        using var emptyCache = new TempDir();
        var warnings = new StringWriter();
        var tokenizer = TokenizerSource.Load(null, warnings, new WorkbookSettings { Cache = emptyCache.Path });
        Assert.IsType<Cl100kFallback>(tokenizer);
        var warning = warnings.ToString();
        Assert.Contains("approximate", warning);
        Assert.Contains("pricer download-tokenizer", warning);
        Assert.Contains("--tokenizer", warning);
        Assert.Contains(TokenizerSource.EnvironmentVariable, warning);
        // cl100k_base's own ids (tiktoken): "hello world" → [15339, 1917].
        Assert.Equal([15339, 1917], tokenizer.Encode("hello world"));
        Assert.Equal("hello world", tokenizer.Decode([15339, 1917]));

        warnings = new StringWriter();
        Assert.IsType<Cl100kFallback>(TokenizerSource.Load("", warnings, new WorkbookSettings { Cache = emptyCache.Path }));
        Assert.NotEmpty(warnings.ToString());
    }

    [SkippableFact]
    public void Without_a_path_or_environment_variable_the_downloaded_tokenizer_is_used()
    {
        using var cache = new TempDir();
        var cached = LlamaTokenizerDownloader.CachedModelPath(cache.Path);
        Assert.Equal(Path.Combine(cache.Path, "llama3", "tokenizer.model"), cached);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.Copy(Shared.Llama3TokenizerModel, cached);

        var warnings = new StringWriter();
        var tokenizer = TokenizerSource.Load(null, warnings, new WorkbookSettings { Cache = cache.Path });

        Assert.IsType<Llama3Tokenizer>(tokenizer);
        Assert.Empty(warnings.ToString());
        Assert.Equal([9906, 1917], tokenizer.Encode("Hello world"));

        // The settings' tokenizer (PRICER_TOKENIZER) still comes first.
        using var fromSettings = Assert.IsType<GgufTokenizer>(
            TokenizerSource.Load(null, warnings, new WorkbookSettings { Cache = cache.Path, Tokenizer = Shared.StoriesGguf }));
    }

    [SkippableFact]
    public void The_environment_variable_names_the_tokenizer_when_no_path_is_given()
    {
        var settings = WorkbookSettings.FromEnvironment(name => name == TokenizerSource.EnvironmentVariable ? Shared.Llama3TokenizerModel : null);
        var warnings = new StringWriter();
        var tokenizer = TokenizerSource.Load(null, warnings, settings);
        Assert.IsType<Llama3Tokenizer>(tokenizer);
        Assert.Empty(warnings.ToString());
        Assert.Equal([9906, 1917], tokenizer.Encode("Hello world"));
    }

    [SkippableFact]
    public void Picks_the_loader_by_file_format()
    {
        var warnings = new StringWriter();
        Assert.IsType<Llama3Tokenizer>(TokenizerSource.Load(Shared.Llama3TokenizerModel, warnings));
        using (var gguf = Assert.IsType<GgufTokenizer>(TokenizerSource.Load(Shared.StoriesGguf, warnings)))
            Assert.Equal(512, gguf.VocabularySize);

        // A GGUF under another name is still read as GGUF.
        using var dir = new TempDir();
        var renamed = dir.File("model.bin");
        File.Copy(Shared.StoriesGguf, renamed);
        using (var gguf = Assert.IsType<GgufTokenizer>(TokenizerSource.Load(renamed, warnings)))
            Assert.Equal(512, gguf.VocabularySize);
        Assert.Empty(warnings.ToString());
    }

    [Fact]
    public void Bad_paths_give_a_TokenizerLoadException_that_says_what_is_wrong()
    {
        using var dir = new TempDir();
        string Message(string path) => Assert.Throws<TokenizerLoadException>(() => TokenizerSource.Load(path, TextWriter.Null)).Message;

        Assert.Contains("not found", Message(dir.File("nope.model")));
        Assert.Contains("folder", Message(dir.Path));

        var empty = dir.File("tokenizer.model");
        File.WriteAllBytes(empty, []);
        Assert.Contains("empty", Message(empty));

        var fakeGguf = dir.File("model.gguf");
        File.WriteAllText(fakeGguf, "hello");
        Assert.Contains("not a GGUF file", Message(fakeGguf));

        // A SentencePiece (protobuf) model, as Llama 2 ships: neither format.
        var sentencePiece = dir.File("llama2-tokenizer.model");
        File.WriteAllBytes(sentencePiece, [0x0A, 0x0B, 0x0A, 0x05, 0x3C, 0x75, 0x6E, 0x6B, 0x3E, 0x15, 0x00, 0x00, 0x00, 0x00, 0x18, 0x02]);
        var message = Message(sentencePiece);
        Assert.Contains("neither a GGUF model nor a tiktoken", message);
        Assert.Contains("meta-llama/llama-models", message);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TokenizerProcessStateCollection
{
    /// <summary>Tests that change process-wide state: environment variables, Console.Out/Error.</summary>
    public const string Name = "Tokenizer process state";
}
