using System.Globalization;
using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Amazon;

public class CurationPipelineTests
{
    /// <summary>A stand-in curator: keeps rows whose price parses, after a random pause so batches finish out of order.</summary>
    private static CurationOutcome Curate(RawProduct product)
    {
        Thread.SpinWait(Random.Shared.Next(0, 20_000));
        if (!double.TryParse(product.Price, NumberStyles.Float, CultureInfo.InvariantCulture, out var price))
            return new CurationOutcome(null, SkipReason.UnparsablePrice);
        return new CurationOutcome(new Item { Title = product.Title!, Category = product.MainCategory, Price = price, Prompt = product.Title! }, null);
    }

    private static (string[] Paths, List<string> Expected) WriteInputs(TempDir dir)
    {
        var expected = new List<string>();
        var paths = new string[3];
        for (int f = 0; f < 3; f++)
        {
            var lines = new List<string>();
            for (int i = 0; i < 1500; i++)
            {
                int n = f * 1500 + i;
                bool priced = n % 7 != 0;
                lines.Add(AmazonFiles.RawRow(n, priced ? "9.99" : "\"None\""));
                if (priced) expected.Add($"item {n}");
                if (n % 500 == 0) lines.Add("{broken");
            }
            paths[f] = AmazonFiles.Write(dir.File($"meta_{f}.jsonl" + (f == 1 ? ".gz" : "")), lines, gzip: f == 1);
        }
        return (paths, expected);
    }

    [Theory]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    [InlineData(1)]
    [InlineData(4)]
    public void Items_come_out_in_input_order_across_files_and_batches(int threads)
    {
        using var dir = new TempDir();
        var (paths, expected) = WriteInputs(dir);
        var pipeline = new CurationPipeline(Curate, threads) { BatchBytes = 2048 }; // many small batches

        var result = pipeline.Run(paths);

        Assert.Equal(expected, result.Items.Select(i => i.Title));
        Assert.Equal(4500 + 9, result.Summary.Read);
        Assert.Equal(expected.Count, result.Summary.Kept);
        Assert.Equal(9, result.Summary.SkippedFor(SkipReason.MalformedJson));
        Assert.Equal(4500 - expected.Count, result.Summary.SkippedFor(SkipReason.UnparsablePrice));
        Assert.Equal(result.Summary.Read, result.Summary.Kept + result.Summary.Skipped);
    }

    [Fact]
    public void The_category_option_wins_over_main_category_through_the_curator_delegate()
    {
        using var dir = new TempDir();
        var path = AmazonFiles.Write(dir.File("m.jsonl"), [AmazonFiles.RawRow(0)]);
        var pipeline = new CurationPipeline(p => Curate(p) is { Item: { } item } ? new CurationOutcome(item with { Category = "Office_Products" }, null) : default, 2);

        Assert.Equal("Office_Products", Assert.Single(pipeline.Run([path]).Items).Category);
        Assert.Equal("Appliances", Assert.Single(new CurationPipeline(Curate, 2).Run([path]).Items).Category);
    }

    [Fact]
    public void A_line_longer_than_a_batch_is_read_whole()
    {
        using var dir = new TempDir();
        var longRow = $$"""{"title": "long", "price": 5, "description": ["{{new string('x', 10_000)}}"]}""";
        var path = AmazonFiles.Write(dir.File("m.jsonl"), [AmazonFiles.RawRow(0), longRow, AmazonFiles.RawRow(1)]);

        var result = new CurationPipeline(Curate, 2) { BatchBytes = 256 }.Run([path]);

        Assert.Equal(["item 0", "long", "item 1"], result.Items.Select(i => i.Title));
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Progress_reaches_every_byte_and_row()
    {
        using var dir = new TempDir();
        var (paths, _) = WriteInputs(dir);
        var reports = new List<CurationProgress>();
        var progress = new SynchronousProgress(reports);

        var result = new CurationPipeline(Curate, 3) { BatchBytes = 4096 }.Run(paths, progress);

        long total = paths.Sum(p => new FileInfo(p).Length);
        Assert.All(reports, r => Assert.Equal(total, r.TotalBytes));
        Assert.Equal(reports.Select(r => r.BytesRead).Order(), reports.Select(r => r.BytesRead)); // never goes back
        Assert.Equal(total, reports[^1].BytesRead);
        Assert.Equal(result.Summary.Read, reports[^1].RowsRead);
        Assert.Equal(result.Summary.Kept, reports[^1].Kept);
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void A_truncated_gzip_among_the_inputs_is_counted_once_and_the_next_file_still_read()
    {
        using var dir = new TempDir();
        var gz = File.ReadAllBytes(AmazonFiles.Write(dir.File("full.gz"), Enumerable.Range(0, 2000).Select(i => AmazonFiles.RawRow(i)), gzip: true));
        var cut = AmazonFiles.WriteBytes(dir.File("cut.jsonl.gz"), gz[..(gz.Length / 2)]);
        var next = AmazonFiles.Write(dir.File("next.jsonl"), [AmazonFiles.RawRow(5000)]);
        var warnings = new StringWriter();

        var result = new CurationPipeline(Curate, 2).Run([cut, next], warnings: warnings);

        Assert.Equal(1, result.Summary.SkippedFor(SkipReason.TruncatedInput));
        Assert.Equal("item 5000", result.Items[^1].Title);
        Assert.Equal(result.Summary.Read, result.Summary.Kept + result.Summary.Skipped);
        Assert.Contains($"{cut}:", warnings.ToString());
    }

    [Fact]
    public void A_failing_curator_surfaces_with_the_file_and_line()
    {
        using var dir = new TempDir();
        var path = AmazonFiles.Write(dir.File("m.jsonl"), [AmazonFiles.RawRow(0), AmazonFiles.RawRow(1)]);
        var pipeline = new CurationPipeline(p => p.Title == "item 1" ? throw new FormatException("boom") : Curate(p), 2);

        var e = Assert.Throws<InvalidOperationException>(() => pipeline.Run([path]));

        Assert.Contains($"{path}:2", e.Message);
        Assert.IsType<FormatException>(e.InnerException);
    }

    [Theory]
    [InlineData(1, "items.jsonl")]
    [InlineData(3, "items.jsonl.gz")]
    public void Save_writes_the_bytes_ItemStore_writes_for_the_items_and_tallies_alike(int threads, string name)
    {
        using var dir = new TempDir();
        var (paths, _) = WriteInputs(dir);
        var inputs = paths.Select(MetadataFile.Open).ToList();
        var pipeline = new CurationPipeline(Curate, threads) { BatchBytes = 8192 }; // many batches, out of order
        var saved = new CurationSummary();
        var streamed = new CurationSummary();

        pipeline.Save(inputs, dir.File(name), saved);
        ItemStore.Save(pipeline.Curate(inputs, streamed), dir.File("expected-" + name));

        Assert.NotEmpty(ItemStore.Load(dir.File(name)));
        Assert.Equal(ItemStore.Load(dir.File("expected-" + name)), ItemStore.Load(dir.File(name)));
        if (!name.EndsWith(".gz", StringComparison.Ordinal))
            Assert.Equal(File.ReadAllBytes(dir.File("expected-" + name)), File.ReadAllBytes(dir.File(name)));
        Assert.Equal(streamed.ToString(), saved.ToString());
    }

    [Fact]
    public void Save_cancelled_leaves_no_file()
    {
        using var dir = new TempDir();
        var (paths, _) = WriteInputs(dir);
        using var cancel = new CancellationTokenSource();
        var pipeline = new CurationPipeline(p => { cancel.Cancel(); return Curate(p); }, 2) { BatchBytes = 4096 };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            pipeline.Save(paths.Select(MetadataFile.Open).ToList(), dir.File("items.jsonl"), new CurationSummary(), cancellationToken: cancel.Token));

        Assert.Equal(["meta_0.jsonl", "meta_1.jsonl.gz", "meta_2.jsonl"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Unusable_inputs_are_refused_before_any_work()
    {
        using var dir = new TempDir();
        var good = AmazonFiles.Write(dir.File("m.jsonl"), [AmazonFiles.RawRow(0)]);
        bool called = false;
        var pipeline = new CurationPipeline(p => { called = true; return Curate(p); });

        var e = Assert.Throws<MetadataInputException>(() => pipeline.Run([good, dir.File("missing.jsonl")]));

        Assert.Equal(dir.File("missing.jsonl"), e.Path);
        Assert.False(called);
    }

    private sealed class SynchronousProgress(List<CurationProgress> reports) : IProgress<CurationProgress>
    {
        public void Report(CurationProgress value) => reports.Add(value);
    }
}
