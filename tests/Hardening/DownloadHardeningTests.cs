using System.IO.Compression;
using System.Text;
using PricerLib.Data.Amazon;
using PricerLib.Data.Download;
using PricerLib.Tests.Support;
using PricerLib.Tests.Tokenization;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, case 11: what a download brought, and what the cache already holds, is checked before it is trusted.</summary>
public class DownloadHardeningTests
{
    private const string Row = """{"main_category": "Appliances", "title": "Kettle", "price": 12.5, "features": [], "description": [], "details": {}}""";

    private static byte[] Gzip(string text)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    public static TheoryData<string, bool, byte[], string> BadArrivals()
    {
        var rows = string.Concat(Enumerable.Repeat(Row + "\n", 2_000));
        var gz = Gzip(rows);
        return new()
        {
            { "an HTML page", false, Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><body>Sign in to continue</body></html>\n"), "looks like an HTML page" },
            { "nothing", false, [], "it is empty (0 bytes)" },
            { "random bytes", false, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))], "binary data, not JSON lines" },
            { "JSON that is not a row", false, Encoding.UTF8.GetBytes("{\"error\": \"rate limited\"}\n"), "without a title" },
            { "text under --gzip", true, Encoding.UTF8.GetBytes(rows), "not gzip-compressed (it holds text)" },
            { "an HTML page under --gzip", true, Encoding.UTF8.GetBytes("<html>Not found</html>"), "not gzip-compressed (it looks like an HTML page" },
            { "a truncated .gz", true, gz[..(gz.Length / 2)], "gzip data is truncated or corrupt" },
        };
    }

    [Theory]
    [MemberData(nameof(BadArrivals))]
    public async Task A_download_that_is_not_metadata_is_refused_in_words_and_deleted(string what, bool gzip, byte[] body, string expected)
    {
        using var dir = new TempDir();
        var name = gzip ? "meta_Appliances.jsonl.gz" : "meta_Appliances.jsonl";
        using var server = new LocalFileServer("raw/meta_categories/" + name, body);
        using var http = new HttpClient();
        var downloader = new MetadataDownloader(http, dir.Path) { BaseUrl = server.BaseUrl, Gzip = gzip, MaxAttempts = 1 };

        var e = await Assert.ThrowsAsync<MetadataDownloadException>(() => downloader.DownloadAsync("Appliances"));

        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {e.Message}");
        Assert.Contains("did not give Appliances's metadata", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path)); // neither the file nor its .part
    }

    [Fact]
    public async Task Good_gzip_metadata_is_accepted()
    {
        using var dir = new TempDir();
        var gz = Gzip(Row + "\n" + Row + "\n");
        using var server = new LocalFileServer("raw/meta_categories/meta_Appliances.jsonl.gz", gz);
        using var http = new HttpClient();

        var result = await new MetadataDownloader(http, dir.Path) { BaseUrl = server.BaseUrl, Gzip = true }.DownloadAsync("Appliances");

        Assert.Equal(gz, File.ReadAllBytes(result.Path));
    }

    [Fact]
    public async Task An_html_page_saved_in_the_cache_is_reported_not_passed_on()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("meta_Appliances.jsonl"), "<html><body>Access denied</body></html>\n");
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<MetadataDownloadException>(() => new MetadataDownloader(http, dir.Path).DownloadAsync("Appliances"));

        Assert.Contains($"{dir.File("meta_Appliances.jsonl")} is in the cache but is not Appliances's metadata", e.Message);
        Assert.Contains("Delete it and run again", e.Message);
    }

    public static TheoryData<string> DamagedTokenizers() => ["cut", "random"];

    [SkippableTheory]
    [MemberData(nameof(DamagedTokenizers))]
    public async Task A_damaged_cached_tokenizer_is_fetched_again(string damage)
    {
        using var cache = new TempDir();
        using var server = new LocalFileServer(MetaRepository.Files());
        using var http = new HttpClient();
        var downloader = new LlamaTokenizerDownloader(new ResumableDownload(http) { RetryDelay = TimeSpan.Zero }, cache.Path)
        {
            BaseUrl = server.BaseUrl,
            ExpectedSha256 = LlamaTokenizerDownloader.KnownSha256,
        };
        await downloader.DownloadAsync(TextWriter.Null);
        var model = MetaRepository.Model;
        File.WriteAllBytes(downloader.ModelPath, damage == "cut"
            ? model[..(model.Length / 2)]
            : [.. Enumerable.Range(0, model.Length).Select(i => (byte)(i * 31 % 256))]);
        var notice = new StringWriter();

        var result = await downloader.DownloadAsync(notice);

        Assert.False(result.AlreadyPresent);
        Assert.Contains($"the cached {downloader.ModelPath} does not load as a Llama 3 tokenizer", notice.ToString());
        Assert.Equal(model, File.ReadAllBytes(downloader.ModelPath));
    }

    [SkippableFact]
    public async Task A_cached_tokenizer_with_another_sha256_is_fetched_again_and_a_failed_fetch_is_reported()
    {
        using var cache = new TempDir();
        using var server = new LocalFileServer(MetaRepository.Files());
        using var http = new HttpClient();
        var download = new ResumableDownload(http) { MaxAttempts = 1, RetryDelay = TimeSpan.Zero };
        var downloader = new LlamaTokenizerDownloader(download, cache.Path) { BaseUrl = server.BaseUrl, ExpectedSha256 = new string('0', 64) };
        await downloader.DownloadAsync(TextWriter.Null).ContinueWith(_ => { }); // refused: another hash; the licence files stay
        File.WriteAllBytes(downloader.ModelPath, MetaRepository.Model); // a loadable file whose hash is not the expected one
        using var gone = new LocalFileServer(new Dictionary<string, byte[]>());
        var offline = new LlamaTokenizerDownloader(download, cache.Path) { BaseUrl = gone.BaseUrl, ExpectedSha256 = new string('0', 64) };
        var notice = new StringWriter();

        var e = await Assert.ThrowsAsync<TokenizerDownloadException>(() => offline.DownloadAsync(notice));

        Assert.Contains($"has SHA-256 {MetaRepository.Sha256(MetaRepository.Model)}, not {new string('0', 64)}", notice.ToString());
        Assert.Contains("not found", e.Message);
        Assert.False(File.Exists(downloader.ModelPath));
    }
}
