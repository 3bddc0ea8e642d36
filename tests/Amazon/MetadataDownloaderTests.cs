using PricerLib.Data.Amazon;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Amazon;

public class MetadataDownloaderTests
{
    private const string RemotePath = "raw/meta_categories/meta_Appliances.jsonl";
    // Metadata rows, as the download checks the first line of what arrived (about 300 KB: several reads, a cut mid-body).
    private static readonly byte[] Content = System.Text.Encoding.UTF8.GetBytes(string.Concat(
        Enumerable.Range(0, 6_000).Select(i => $"{{\"title\": \"Widget {i}\", \"main_category\": \"Appliances\", \"price\": {i % 90}.5}}\n")));

    private static MetadataDownloader Downloader(HttpClient http, TempDir dir, LocalFileServer server, int attempts = 3) =>
        new(http, dir.Path) { BaseUrl = server.BaseUrl, MaxAttempts = attempts, RetryDelay = TimeSpan.Zero };

    [Fact]
    public async Task Downloads_the_whole_file_into_the_cache_and_reports_progress()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer(RemotePath, Content);
        using var http = new HttpClient();
        var reports = new List<DownloadProgress>();

        var result = await Downloader(http, dir, server).DownloadAsync("appliances", new ListProgress(reports));

        Assert.Equal(dir.File("meta_Appliances.jsonl"), result.Path);
        Assert.False(result.AlreadyPresent);
        Assert.Equal(Content, File.ReadAllBytes(result.Path));
        Assert.False(File.Exists(result.Path + ".part"));
        Assert.Equal(Content.Length, reports[^1].BytesDone);
        Assert.Equal(Content.Length, reports[^1].TotalBytes);
        Assert.Equal([""], server.Ranges);
    }

    [Fact]
    public async Task A_cut_connection_is_resumed_with_a_range_request()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer(RemotePath, Content) { CutsLeft = 1 };
        using var http = new HttpClient();

        var result = await Downloader(http, dir, server).DownloadAsync("Appliances");

        Assert.Equal(Content, File.ReadAllBytes(result.Path));
        var ranges = server.Ranges.ToList();
        Assert.Equal(2, ranges.Count);
        Assert.Equal("", ranges[0]);
        Assert.Matches(@"^bytes=[1-9]\d*-$", ranges[1]); // asked only for the missing part
    }

    [Fact]
    public async Task A_partial_file_left_by_an_earlier_run_is_resumed_by_the_next()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer(RemotePath, Content) { CutsLeft = 1 };
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<MetadataDownloadException>(() => Downloader(http, dir, server, attempts: 1).DownloadAsync("Appliances"));
        Assert.Contains("run again to resume", e.Message);
        Assert.False(File.Exists(dir.File("meta_Appliances.jsonl")));
        long kept = new FileInfo(dir.File("meta_Appliances.jsonl.part")).Length;
        Assert.InRange(kept, 1, Content.Length - 1);

        var result = await Downloader(http, dir, server, attempts: 1).DownloadAsync("Appliances");

        Assert.Equal(Content, File.ReadAllBytes(result.Path));
        Assert.Equal($"bytes={kept}-", server.Ranges.Last());
    }

    [Fact]
    public async Task A_server_that_ignores_range_makes_it_start_over()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer(RemotePath, Content) { CutsLeft = 1, SupportsRange = false };
        using var http = new HttpClient();

        var result = await Downloader(http, dir, server).DownloadAsync("Appliances");

        Assert.Equal(Content, File.ReadAllBytes(result.Path)); // not the first half twice
        Assert.Equal(2, server.Ranges.Count);
    }

    [Fact]
    public async Task A_stale_partial_file_longer_than_the_remote_one_is_replaced()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer(RemotePath, Content);
        using var http = new HttpClient();
        File.WriteAllBytes(dir.File("meta_Appliances.jsonl.part"), new byte[Content.Length + 10]);

        var result = await Downloader(http, dir, server).DownloadAsync("Appliances");

        Assert.Equal(Content, File.ReadAllBytes(result.Path));
    }

    [Fact]
    public async Task A_file_shorter_than_announced_never_reaches_its_final_name()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer(RemotePath, Content) { ExtraAnnouncedBytes = 1000 };
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<MetadataDownloadException>(() => Downloader(http, dir, server).DownloadAsync("Appliances"));

        Assert.Contains("still incomplete after 3 attempts", e.Message);
        Assert.False(File.Exists(dir.File("meta_Appliances.jsonl")));
        Assert.Equal(Content.Length, new FileInfo(dir.File("meta_Appliances.jsonl.part")).Length);
    }

    [Fact]
    public async Task Not_found_is_a_clear_error_without_retries()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer("elsewhere.jsonl", Content);
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<MetadataDownloadException>(() => Downloader(http, dir, server).DownloadAsync("Appliances"));

        Assert.Contains("HTTP 404", e.Message);
        Assert.Contains(RemotePath, e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task A_complete_file_is_not_fetched_again()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer(RemotePath, Content);
        using var http = new HttpClient();
        await Downloader(http, dir, server).DownloadAsync("Appliances");

        var again = await Downloader(http, dir, server).DownloadAsync("Appliances");

        Assert.True(again.AlreadyPresent);
        Assert.Single(server.Ranges);
    }

    [Fact]
    public void Urls_follow_the_dataset_layout_and_unknown_categories_are_refused()
    {
        using var http = new HttpClient();
        Assert.Equal("https://huggingface.co/datasets/McAuley-Lab/Amazon-Reviews-2023/resolve/main/raw/meta_categories/meta_Appliances.jsonl",
            new MetadataDownloader(http).UrlFor("Appliances").AbsoluteUri);
        Assert.Equal("https://mcauleylab.ucsd.edu/public_datasets/data/amazon_2023/raw/meta_categories/meta_Toys_and_Games.jsonl.gz",
            new MetadataDownloader(http) { Gzip = true }.UrlFor("toys_and_games").AbsoluteUri);
        Assert.Equal("http://mirror.example/amz/raw/meta_categories/meta_Books.jsonl",
            new MetadataDownloader(http) { BaseUrl = new Uri("http://mirror.example/amz") }.UrlFor("Books").AbsoluteUri);

        var e = Assert.Throws<ArgumentException>(() => new MetadataDownloader(http).UrlFor("Appliance"));
        Assert.Contains("did you mean Appliances", e.Message);
    }

    private sealed class ListProgress(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => reports.Add(value);
    }
}
