using PricerLib.Data;
using PricerLib.Data.Download;
using PricerLib.Editions;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Editions;

/// <summary><c>download-dataset</c> against a local server serving Parquet files of the course's schema.</summary>
public class HubDatasetTests
{
    private static readonly HubDataset Lite = HubDatasets.Find("items_lite");

    private static string PathOf(HubDataset dataset, string split) =>
        dataset.UrlOf(new Uri("http://x/"), dataset.Splits.Single(s => s.Split == split)).AbsolutePath[1..];

    private static CourseParquet.Row Row(string title, double? price, string? summary, long id) =>
        new(title, "Electronics", price, null, 2.5, summary, null, id);

    /// <summary>A server holding items_lite's three splits (test with one row without a price and one without a summary).</summary>
    private static async Task<LocalFileServer> ServeLiteAsync(TempDir dir)
    {
        var files = new Dictionary<string, byte[]>();
        foreach (var (split, rows) in new (string, CourseParquet.Row[])[]
        {
            ("train", [Row("Kettle", 24.6, "A steel kettle.", 0), Row("Lamp", 80, "A desk lamp.", 1), Row("Fan", 19.99, "A fan.", 2)]),
            ("validation", [Row("Chair", 40, "A chair.", 3)]),
            ("test", [Row("Desk", 120, "A desk.", 4), Row("Mug", null, "A mug.", 5), Row("Pen", 2, null, 6)]),
        })
        {
            string path = dir.File(split + ".parquet");
            await CourseParquet.WriteAsync(path, rows);
            files[PathOf(Lite, split)] = File.ReadAllBytes(path);
        }
        return new LocalFileServer(files);
    }

    private static HubDatasetDownloader Downloader(HttpClient http, LocalFileServer server, TempDir dir) =>
        new(http, dir.File("datasets")) { BaseUrl = server.BaseUrl, Download = new ResumableDownload(http) { RetryDelay = TimeSpan.Zero } };

    [Fact]
    public async Task Every_split_is_fetched_read_into_items_with_summaries_and_bad_rows_are_counted()
    {
        using var dir = new TempDir();
        using var server = await ServeLiteAsync(dir);
        using var http = new HttpClient();

        var results = await Downloader(http, server, dir).DownloadAsync(Lite);

        Assert.Equal(["train", "validation", "test"], results.Select(r => r.Split));
        Assert.Equal([3, 1, 1], results.Select(r => r.Items));
        Assert.Contains("MissingPrice 1", results[2].Skipped);
        Assert.Contains("MissingPrompt 1", results[2].Skipped);
        var train = ItemStore.Load(results[0].ItemsPath);
        Assert.Equal("A steel kettle.", train[0].Summary);
        Assert.Equal(CourseEdition.Course2025.MakePrompt("A steel kettle.", 24.6), train[0].Prompt);
        Assert.Equal(Path.Combine(dir.File("datasets"), "items_lite", "main", "train.jsonl"), results[0].ItemsPath);
        Assert.Equal(["datasets/ed-donner/items_lite/resolve/main/data/train-00000-of-00001.parquet",
            "datasets/ed-donner/items_lite/resolve/main/data/validation-00000-of-00001.parquet",
            "datasets/ed-donner/items_lite/resolve/main/data/test-00000-of-00001.parquet"], server.Requests.Select(r => r.Path));

        var again = await Downloader(http, server, dir).DownloadAsync(Lite);
        Assert.All(again, r => Assert.True(r.AlreadyPresent));
        Assert.Equal(3, server.Requests.Count); // nothing fetched twice
    }

    [Fact]
    public async Task A_cut_transfer_resumes_with_a_range_request()
    {
        using var dir = new TempDir();
        using var server = await ServeLiteAsync(dir);
        server.CutsLeft = 1;
        server.CutPath = PathOf(Lite, "train");
        using var http = new HttpClient();

        var results = await Downloader(http, server, dir).DownloadAsync(Lite);

        Assert.Equal(3, results[0].Items);
        Assert.StartsWith("bytes=", server.Requests.Where(r => r.Path == server.CutPath).Last().Range);
    }

    [Fact]
    public async Task A_page_instead_of_parquet_or_parquet_of_another_schema_is_rejected_and_not_kept()
    {
        using var dir = new TempDir();
        await CourseParquet.WriteOtherSchemaAsync(dir.File("other.parquet"));
        using var http = new HttpClient();
        using var server = new LocalFileServer(new Dictionary<string, byte[]>
        {
            [PathOf(Lite, "train")] = "<html><body>Sign in</body></html>"u8.ToArray(),
        });
        var error = await Assert.ThrowsAsync<ItemFileException>(() => Downloader(http, server, dir).DownloadAsync(Lite));
        Assert.Contains("not a Parquet file", error.Message);
        Assert.Empty(Directory.EnumerateFiles(dir.File("datasets"), "*", SearchOption.AllDirectories)); // neither file nor .part kept

        using var other = new LocalFileServer(PathOf(Lite, "train"), File.ReadAllBytes(dir.File("other.parquet")));
        error = await Assert.ThrowsAsync<ItemFileException>(() => Downloader(http, other, dir).DownloadAsync(Lite));
        Assert.Contains("without a \"price\"", error.Message);
        Assert.Contains("review", error.Message);
    }

    [Fact]
    public async Task A_missing_file_names_its_url_and_a_revision_pins_the_path()
    {
        using var dir = new TempDir();
        using var server = new LocalFileServer("unrelated", [1]);
        using var http = new HttpClient();
        var pinned = HubDatasets.Find("items_prompts_lite", "0123abc");

        var error = await Assert.ThrowsAsync<DownloadException>(() => Downloader(http, server, dir).DownloadAsync(pinned));

        Assert.Contains("datasets/ed-donner/items_prompts_lite/resolve/0123abc/data/train-00000-of-00001.parquet", error.Message);
        Assert.Contains("not found", error.Message);
        Assert.Equal(["train", "val", "test"], pinned.Splits.Select(s => s.Split));
        Assert.Throws<ArgumentException>(() => HubDatasets.Find("items_medium"));
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public async Task The_cli_verb_prints_each_splits_items_file()
    {
        using var dir = new TempDir();
        using var server = await ServeLiteAsync(dir);

        var result = PricerProcess.Run("download-dataset", "items_lite", "--base-url", server.BaseUrl.AbsoluteUri, "--out", dir.File("out"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var paths = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, paths.Length);
        Assert.Equal(3, ItemStore.Load(paths[0]).Count);
        Assert.Contains("MissingPrice 1", result.Stderr);

        var wrong = PricerProcess.Run("download-dataset", "items_medium");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("items_lite", wrong.Stdout + wrong.Stderr);
    }
}
