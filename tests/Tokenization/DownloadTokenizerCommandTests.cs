using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

/// <summary>Runs the built <c>pricer</c> as a process against a local server.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class DownloadTokenizerCommandTests
{
    [SkippableFact]
    public void Downloads_into_the_cache_prints_the_path_and_then_every_command_counts_with_it()
    {
        using var cache = new TempDir();
        using var server = new LocalFileServer(MetaRepository.Files());

        var (exit, stdout, stderr) = PricerProcess.Run("download-tokenizer", "--base-url", server.BaseUrl.AbsoluteUri, "--cache", cache.Path);

        Assert.True(exit == 0, stderr);
        var path = Path.Combine(cache.Path, "llama3", "tokenizer.model");
        Assert.Equal(path + Environment.NewLine, stdout);
        Assert.Contains("Meta Llama 3 Community License", stderr);
        Assert.Contains(LlamaTokenizerDownloader.LicenseUrl, stderr);
        Assert.Equal(MetaRepository.Model, File.ReadAllBytes(path));

        // count-tokens without --tokenizer now finds the download through PRICER_CACHE: exact counts, no warning.
        var input = cache.File("one.jsonl");
        const string text = "Größe: 42 cm — très résistant";
        File.WriteAllText(input, $"{{\"prompt\": \"{text}\"}}\n");
        var env = new Dictionary<string, string?> { ["PRICER_CACHE"] = cache.Path, [TokenizerSource.EnvironmentVariable] = null };
        var counted = PricerProcess.Run(env, "count-tokens", "--input", input);
        Assert.True(counted.ExitCode == 0, counted.Stderr);
        Assert.Equal($"{Llama3Fixture.Tokenizer.CountTokens(text)}", counted.Stdout.Trim());
        Assert.DoesNotContain("cl100k", counted.Stderr);
    }

    [Fact]
    public void Fails_with_exit_code_1_and_a_clear_message_when_nothing_can_be_fetched()
    {
        using var cache = new TempDir();
        using var server = new LocalFileServer("elsewhere/tokenizer.model", [1, 2, 3]);

        var missing = PricerProcess.Run("download-tokenizer", "--base-url", server.BaseUrl.AbsoluteUri, "--cache", cache.Path);
        var badUrl = PricerProcess.Run("download-tokenizer", "--base-url", "ftp://example.org/", "--cache", cache.Path);

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("HTTP 404", missing.Stderr);
        Assert.Contains("models/llama3/LICENSE", missing.Stderr);
        Assert.Equal("", missing.Stdout);
        Assert.False(File.Exists(LlamaTokenizerDownloader.CachedModelPath(cache.Path)));
        Assert.Equal(1, badUrl.ExitCode);
        Assert.Contains("--base-url must be an http(s) URL", badUrl.Stderr);
        Assert.Equal("", badUrl.Stdout);
    }
}
