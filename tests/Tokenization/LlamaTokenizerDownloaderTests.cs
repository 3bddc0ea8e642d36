using System.Text;
using PricerLib.Data.Download;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

public sealed class LlamaTokenizerDownloaderTests
{
    private static LlamaTokenizerDownloader Downloader(HttpClient http, TempDir cache, LocalFileServer server, int attempts = 3,
        string? sha256 = null, bool allowMismatch = false) =>
        new(new ResumableDownload(http) { MaxAttempts = attempts, RetryDelay = TimeSpan.Zero }, cache.Path)
        {
            BaseUrl = server.BaseUrl,
            ExpectedSha256 = sha256,
            AllowSha256Mismatch = allowMismatch,
        };

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public async Task Prints_the_licence_notice_first_then_fetches_the_tokenizer_and_its_licence_into_the_cache()
    {
        using var cache = new TempDir();
        using var server = new LocalFileServer(MetaRepository.Files());
        using var http = new HttpClient();
        var downloader = Downloader(http, cache, server, sha256: LlamaTokenizerDownloader.KnownSha256);
        var notice = new NoticeWriter(server);
        var reports = new List<TransferProgress>();

        var result = await downloader.DownloadAsync(notice, new InlineProgress<TransferProgress>(reports.Add));

        Assert.Equal(0, notice.RequestsBeforeFirstLine);
        var text = notice.ToString();
        Assert.Contains("Meta Llama 3 Community License", text);
        Assert.Contains("https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE", text);
        Assert.Contains("you accept", text);
        Assert.Contains(Path.Combine(cache.Path, "llama3"), text);
        Assert.Contains(new Uri(server.BaseUrl, MetaRepository.ModelPath).AbsoluteUri, text);

        Assert.Equal(Path.Combine(cache.Path, "llama3", "tokenizer.model"), result.Path);
        Assert.False(result.AlreadyPresent);
        Assert.Equal(MetaRepository.Model, File.ReadAllBytes(result.Path));
        Assert.Equal(File.ReadAllBytes(Shared.Llama3License), File.ReadAllBytes(Path.Combine(cache.Path, "llama3", "LICENSE")));
        Assert.Equal(File.ReadAllBytes(Shared.Llama3UsePolicy), File.ReadAllBytes(Path.Combine(cache.Path, "llama3", "USE_POLICY.md")));
        Assert.Equal(["LICENSE", "USE_POLICY.md", "tokenizer.model"],
            Directory.GetFiles(Path.Combine(cache.Path, "llama3")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(MetaRepository.Model.Length, reports[^1].BytesDone);
        Assert.Equal([9906, 1917], Llama3Tokenizer.FromTiktokenFile(result.Path).Encode("Hello world"));

        var again = await downloader.DownloadAsync(notice = new NoticeWriter(server));
        Assert.True(again.AlreadyPresent);
        Assert.Equal("", notice.ToString());
        Assert.Equal(3, server.Requests.Count);
    }

    [SkippableFact]
    public async Task A_cut_download_is_resumed_by_the_next_run()
    {
        using var cache = new TempDir();
        using var server = new LocalFileServer(MetaRepository.Files()) { CutsLeft = 1, CutPath = MetaRepository.ModelPath };
        using var http = new HttpClient();
        var downloader = Downloader(http, cache, server, attempts: 1);

        var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() => downloader.DownloadAsync(TextWriter.Null));
        Assert.Contains("run again to resume", e.Message);
        Assert.False(File.Exists(downloader.ModelPath));
        long kept = new FileInfo(downloader.ModelPath + ".part").Length;
        Assert.InRange(kept, 1, MetaRepository.Model.Length - 1);

        var result = await downloader.DownloadAsync(TextWriter.Null);

        Assert.Equal(MetaRepository.Model, File.ReadAllBytes(result.Path));
        Assert.Equal((MetaRepository.ModelPath, $"bytes={kept}-"), server.Requests.Last());
        Assert.False(File.Exists(downloader.ModelPath + ".part"));
    }

    [SkippableFact]
    public async Task A_missing_file_fails_fast_with_its_url_and_leaves_no_tokenizer()
    {
        using var cache = new TempDir();
        var files = MetaRepository.Files();
        files.Remove(MetaRepository.ModelPath);
        using var server = new LocalFileServer(files);
        using var http = new HttpClient();
        var downloader = Downloader(http, cache, server, attempts: 5);

        var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() => downloader.DownloadAsync(TextWriter.Null));

        Assert.Contains("HTTP 404", e.Message);
        Assert.Equal([MetaRepository.ModelPath], server.NotFound); // asked once: a 404 is not retried
        Assert.Contains(new Uri(server.BaseUrl, MetaRepository.ModelPath).AbsoluteUri, e.Message);
        Assert.False(File.Exists(downloader.ModelPath));
        Assert.False(File.Exists(downloader.ModelPath + ".part"));
    }

    [SkippableTheory]
    [InlineData("html")]
    [InlineData("short vocabulary")]
    public async Task A_served_file_that_is_not_the_Llama_3_tokenizer_is_a_clear_error_and_is_deleted(string what)
    {
        var model = what == "html"
            ? "<!DOCTYPE html><html><body>Sign in to continue</body></html>\n"u8.ToArray()
            : Encoding.ASCII.GetBytes(string.Join('\n', Encoding.ASCII.GetString(MetaRepository.Model).Split('\n').Take(1000)) + "\n");
        using var cache = new TempDir();
        using var server = new LocalFileServer(MetaRepository.Files(model));
        using var http = new HttpClient();
        var downloader = Downloader(http, cache, server);

        var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() => downloader.DownloadAsync(TextWriter.Null));

        Assert.Contains("did not give a Llama 3 tokenizer, so it was deleted", e.Message);
        Assert.Contains(what == "html" ? "not a tiktoken-format tokenizer.model" : "has 1,000 ranks", e.Message);
        Assert.False(File.Exists(downloader.ModelPath));
        Assert.False(File.Exists(downloader.ModelPath + ".part"));
    }

    [SkippableFact]
    public void The_known_hash_is_that_of_Metas_file_and_is_checked_from_the_default_url_only()
    {
        Assert.Equal(LlamaTokenizerDownloader.KnownSha256, MetaRepository.Sha256(MetaRepository.Model));

        using var http = new HttpClient();
        var download = new ResumableDownload(http);
        var fromMeta = new LlamaTokenizerDownloader(download);
        Assert.Equal("https://raw.githubusercontent.com/meta-llama/llama-models/main/models/llama3/tokenizer.model",
            fromMeta.UrlFor("tokenizer.model").AbsoluteUri);
        Assert.Equal(LlamaTokenizerDownloader.KnownSha256, fromMeta.ExpectedSha256);
        Assert.Null(new LlamaTokenizerDownloader(download) { BaseUrl = new Uri("http://mirror.example/llama") }.ExpectedSha256);
        Assert.Equal("http://mirror.example/llama/models/llama3/LICENSE",
            new LlamaTokenizerDownloader(download) { BaseUrl = new Uri("http://mirror.example/llama") }.UrlFor("LICENSE").AbsoluteUri);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public async Task A_tokenizer_with_another_hash_is_refused_where_a_hash_is_expected_unless_the_mismatch_is_allowed()
    {
        // The same vocabulary with its lines in reverse order: a valid Llama 3 tokenizer, but not Meta's bytes.
        var lines = Encoding.ASCII.GetString(MetaRepository.Model).TrimEnd('\n').Split('\n').Reverse();
        var reordered = Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n");
        using var server = new LocalFileServer(MetaRepository.Files(reordered));
        using var http = new HttpClient();

        using (var cache = new TempDir())
        {
            var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() =>
                Downloader(http, cache, server, sha256: LlamaTokenizerDownloader.KnownSha256).DownloadAsync(TextWriter.Null));
            Assert.Contains(MetaRepository.Sha256(reordered), e.Message);
            Assert.Contains(LlamaTokenizerDownloader.KnownSha256, e.Message);
            Assert.Contains("--allow-sha256-mismatch", e.Message);
            Assert.False(File.Exists(LlamaTokenizerDownloader.CachedModelPath(cache.Path)));
            Assert.False(File.Exists(LlamaTokenizerDownloader.CachedModelPath(cache.Path) + ".part"));
        }
        using (var cache = new TempDir())
        {
            var notice = new StringWriter();
            var allowed = await Downloader(http, cache, server, sha256: LlamaTokenizerDownloader.KnownSha256, allowMismatch: true)
                .DownloadAsync(notice);
            Assert.Equal(reordered, File.ReadAllBytes(allowed.Path));
            Assert.Contains($"warning: {new Uri(server.BaseUrl, MetaRepository.ModelPath)} has SHA-256 {MetaRepository.Sha256(reordered)}", notice.ToString());
        }
        using (var cache = new TempDir())
        {
            // From an explicit base URL no hash is expected.
            var notice = new StringWriter();
            var mirrored = await Downloader(http, cache, server).DownloadAsync(notice);
            Assert.Equal(reordered, File.ReadAllBytes(mirrored.Path));
            Assert.DoesNotContain("warning", notice.ToString());
            Assert.Equal([9906, 1917], Llama3Tokenizer.FromTiktokenFile(mirrored.Path).Encode("Hello world"));
        }
    }

    /// <summary>Records how many requests the server had seen when the first notice line was written.</summary>
    private sealed class NoticeWriter(LocalFileServer server) : StringWriter
    {
        public int RequestsBeforeFirstLine { get; private set; } = -1;

        public override void WriteLine(string? value)
        {
            if (RequestsBeforeFirstLine < 0) RequestsBeforeFirstLine = server.Requests.Count;
            base.WriteLine(value);
        }
    }
}
