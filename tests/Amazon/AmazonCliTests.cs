using PricerLib.Data;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Amazon;

[Trait(TestTiers.Category, TestTiers.Slow)]
public class AmazonCliTests
{
    [Fact]
    public void Curate_with_no_readable_input_fails_and_writes_nothing()
    {
        using var dir = new TempDir();
        var png = dir.File("picture.jsonl");
        File.WriteAllBytes(png, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var output = dir.File("items.jsonl");

        var (exit, stdout, stderr) = PricerProcess.Run("curate", dir.File("missing.jsonl"), png, "--out", output);

        Assert.NotEqual(0, exit);
        Assert.Contains(dir.File("missing.jsonl"), stderr);
        Assert.Contains("a PNG image", stderr);
        Assert.Contains("Nothing to curate", stderr);
        Assert.Single(stderr.Split("Error:")[1..]); // one Error line (issue 16)
        Assert.Equal("", stdout);
        Assert.Empty(Directory.GetFiles(dir.Path, "items*"));
    }

    [Fact]
    public void Curate_requires_an_output_file()
    {
        using var dir = new TempDir();
        var input = AmazonFiles.Write(dir.File("m.jsonl"), [AmazonFiles.RawRow(0)]);

        var (exit, _, stderr) = PricerProcess.Run("curate", input);

        Assert.NotEqual(0, exit);
        Assert.Contains("--out", stderr);
    }

    [Fact]
    public void Download_refuses_an_unknown_category_before_fetching_anything()
    {
        using var dir = new TempDir();

        var (exit, _, stderr) = PricerProcess.Run("download", "Appliances", "Applainces", "--cache", dir.Path, "--base-url", "http://127.0.0.1:9/");

        Assert.NotEqual(0, exit);
        Assert.Contains("Unknown Amazon Reviews 2023 category 'Applainces'", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Download_fetches_from_the_base_url_prints_the_path_and_fails_on_a_missing_file()
    {
        using var dir = new TempDir();
        var gzipped = new MemoryStream(); // what --gzip fetches must be gzip (the download checks what arrived)
        using (var gzip = new System.IO.Compression.GZipStream(gzipped, System.IO.Compression.CompressionLevel.Fastest)) gzip.Write("{\"title\": \"x\"}\n"u8);
        var content = gzipped.ToArray();
        using var server = new LocalFileServer("raw/meta_categories/meta_Appliances.jsonl.gz", content);

        var ok = PricerProcess.Run("download", "Appliances", "--gzip", "--cache", dir.Path, "--base-url", server.BaseUrl.AbsoluteUri);
        var missing = PricerProcess.Run("download", "Books", "--gzip", "--cache", dir.Path, "--base-url", server.BaseUrl.AbsoluteUri);

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(dir.File("meta_Appliances.jsonl.gz"), ok.Stdout.Trim());
        Assert.Equal(content, File.ReadAllBytes(dir.File("meta_Appliances.jsonl.gz")));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("HTTP 404", missing.Stderr);
        Assert.Equal("", missing.Stdout);
    }

    /// <summary>End to end through the real tokenizer, curator and item store.</summary>
    [SkippableFact]
    public void Curate_writes_items_in_input_order_with_a_summary()
    {
        var tokenizerPath = Shared.Llama3TokenizerModel;
        using var dir = new TempDir();
        var rows = Enumerable.Range(0, 40).Select(LongRow).ToList();
        var first = AmazonFiles.Write(dir.File("meta_a.jsonl"), [.. rows[..20], "{broken"]);
        var second = AmazonFiles.Write(dir.File("meta_b.jsonl.gz"), rows[20..], gzip: true);
        var output = dir.File("items.jsonl.gz");

        var (exit, stdout, stderr) = PricerProcess.Run("curate", first, second, "--tokenizer", tokenizerPath, "--out", output, "--threads", "2");

        Assert.True(exit == 0, stderr);
        Assert.Equal("", stdout);
        Assert.Contains("read 41", stderr);
        Assert.Contains("MalformedJson 1", stderr);
        var items = ItemStore.Load(output);
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 5 != 0).Select(i => $"Heavy duty widget model {i}"), items.Select(i => i.Title));
        Assert.All(items, item => Assert.Equal("Appliances", item.Category));
    }

    /// <summary>A raw row long enough for the course's filters; every fifth has no price.</summary>
    private static string LongRow(int i)
    {
        var words = string.Join(" ", Enumerable.Range(0, 120).Select(w => $"part{(w * 7 + i) % 50} quality"));
        var price = i % 5 == 0 ? "null" : $"{10 + i}.99";
        return $$$"""{"main_category": "Appliances", "title": "Heavy duty widget model {{{i}}}", "price": {{{price}}}, "features": ["Sturdy steel body, {{{words}}}"], "description": ["A reliable widget for the home and the workshop."], "details": {"Brand": "Acme", "Color": "Red"}}""";
    }
}
