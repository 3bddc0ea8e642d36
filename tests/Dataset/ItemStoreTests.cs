using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using PricerLib.Data;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Dataset;

public class ItemStoreTests
{
    private static readonly Item[] Sample =
    [
        TestItems.Make("Café crème maker – 日本製, 2 L", 49.99, "Appliances", "{\"Brand\": \"Caf\\u00e9\"}", 157),
        TestItems.Make("Guitar 🎸 strap <leather> & 'vintage'", 18.5, null, null, null),
        TestItems.Make("Plain \"quoted\" item\\path", 999, "Musical_Instruments", null, 160),
    ];

    [Theory]
    [InlineData("items.jsonl")]
    [InlineData("items.jsonl.gz")]
    public void Save_then_Load_gives_back_the_same_items(string name)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        ItemStore.Save(Sample, path);
        Assert.Equal(Sample, ItemStore.Load(path));
    }

    [Fact]
    public void Saved_lines_use_the_shared_schema_and_keep_non_ascii_readable()
    {
        using var dir = new TempDir();
        var path = dir.File("items.jsonl");
        ItemStore.Save(Sample, path);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Café crème maker – 日本製", lines[0]);
        Assert.Contains("<leather> & 'vintage'", lines[1]);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(["title", "category", "price", "details", "prompt", "token_count"],
            first.RootElement.EnumerateObject().Select(p => p.Name));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("category").ValueKind);
        Assert.False(second.RootElement.TryGetProperty("token_count", out _));
    }

    [Fact]
    public void Gzip_is_recognised_by_its_magic_bytes_not_the_name()
    {
        using var dir = new TempDir();
        ItemStore.Save(Sample, dir.File("items.jsonl.gz"));
        var bytes = File.ReadAllBytes(dir.File("items.jsonl.gz"));
        Assert.Equal([0x1f, 0x8b], bytes[..2]);
        File.Move(dir.File("items.jsonl.gz"), dir.File("renamed.jsonl"));
        Assert.Equal(Sample, ItemStore.Load(dir.File("renamed.jsonl")));
    }

    [Fact]
    public void A_save_that_fails_midway_leaves_no_file_and_no_temp_file()
    {
        using var dir = new TempDir();
        IEnumerable<Item> Failing()
        {
            yield return Sample[0];
            yield return Sample[1];
            throw new InvalidOperationException("source broke");
        }
        Assert.Throws<InvalidOperationException>(() => ItemStore.Save(Failing(), dir.File("items.jsonl.gz")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_failed_save_keeps_the_previous_file_intact()
    {
        using var dir = new TempDir();
        var path = dir.File("items.jsonl");
        ItemStore.Save(Sample, path);
        var before = File.ReadAllBytes(path);
        Assert.Throws<InvalidOperationException>(() =>
            ItemStore.Save(Sample.Select(i => i.Price > 100 ? throw new InvalidOperationException() : i), path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [SkippableFact]
    public void Loads_the_shared_items_file_field_for_field()
    {
        var path = Shared.Items;
        var items = ItemStore.Load(path);
        Assert.Equal(10_439, items.Count);
        Assert.Equal(1_536, items.Count(i => i.Category is null));

        var raw = File.ReadAllLines(path);
        foreach (int index in new[] { 0, 1, 5_000, 9_000, raw.Length - 1 })
        {
            using var row = JsonDocument.Parse(raw[index]);
            var r = row.RootElement;
            var item = items[index];
            Assert.Equal(r.GetProperty("title").GetString(), item.Title);
            Assert.Equal(r.GetProperty("price").GetDouble(), item.Price);
            Assert.Equal(r.GetProperty("prompt").GetString(), item.Prompt);
            Assert.Equal(r.GetProperty("category").ValueKind == JsonValueKind.Null ? null : r.GetProperty("category").GetString(), item.Category);
            Assert.Equal(r.GetProperty("details").ValueKind == JsonValueKind.Null ? null : r.GetProperty("details").GetString(), item.Details);
            Assert.EndsWith(Item.Prefix, item.TestPrompt);
        }
    }

    private const string TrainText = "How much does this cost to the nearest dollar?\n\nAcme Widget, Blue\nA fine widget.\n\nPrice is $13.00";
    private const string TestText = "How much does this cost to the nearest dollar?\n\nZeta Gadget 2000\nA gadget for all.\n\nPrice is $";

    [Fact]
    public void Loads_pricer_data_rows_from_jsonl_with_the_title_taken_from_the_text()
    {
        using var dir = new TempDir();
        var path = dir.File("pricer-data.jsonl");
        File.WriteAllLines(path,
        [
            JsonSerializer.Serialize(new { text = TrainText, price = 12.99 }),
            JsonSerializer.Serialize(new { text = TestText, price = 245.0 }),
        ]);
        var items = ItemStore.Load(path);
        Assert.Equal(["Acme Widget, Blue", "Zeta Gadget 2000"], items.Select(i => i.Title));
        Assert.Equal([TrainText, TestText], items.Select(i => i.Prompt));
        Assert.Equal([12.99, 245.0], items.Select(i => i.Price));
        Assert.All(items, i => Assert.Null(i.Category));
        Assert.Equal(TestText, items[1].TestPrompt);
    }

    [Fact]
    public async Task Loads_pricer_data_rows_from_parquet()
    {
        using var dir = new TempDir();
        var path = dir.File("train-00000-of-00001.parquet");
        var text = new DataField<string>("text");
        var price = new DataField<double?>("price");
        await using (var file = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(text, price), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(text, [TrainText, TestText, TrainText]);
            await group.WriteAsync<double>(price, new ReadOnlyMemory<double?>([12.99, 245.0, null]));
        }

        var strict = Assert.Throws<ItemFileException>(() => ItemStore.Load(path));
        Assert.Contains("row 3", strict.Message);
        Assert.Equal(ItemRowProblem.MissingPrice, strict.Row!.Problem);

        var loaded = ItemStore.Load(path, BadRows.Skip);
        Assert.Equal(["Acme Widget, Blue", "Zeta Gadget 2000"], loaded.Items.Select(i => i.Title));
        Assert.Equal([TrainText, TestText], loaded.Items.Select(i => i.Prompt));
        Assert.Equal([12.99, 245.0], loaded.Items.Select(i => i.Price));
        Assert.Equal("1 row skipped (MissingPrice 1)", loaded.DescribeSkips());
    }

    [Fact]
    public void A_missing_path_is_a_clear_error()
    {
        var e = Assert.Throws<ItemFileException>(() => ItemStore.Load("/no/such/items.jsonl"));
        Assert.Contains("/no/such/items.jsonl does not exist", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void An_empty_file_is_a_clear_error(string content)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("empty.jsonl"), content);
        var e = Assert.Throws<ItemFileException>(() => ItemStore.Load(dir.File("empty.jsonl")));
        Assert.Contains($"no items in {dir.File("empty.jsonl")}", e.Message);
    }

    public static TheoryData<string, ItemRowProblem, string> BadRowsData => new()
    {
        { "[1, 2, 3]", ItemRowProblem.NotAnObject, "not an object" },
        { "{\"title\": \"x\", \"price\": 3", ItemRowProblem.NotJson, "not valid JSON" },
        { "{\"title\": \"x\", \"prompt\": \"p\"}", ItemRowProblem.MissingPrice, "no price" },
        { "{\"title\": \"x\", \"price\": null, \"prompt\": \"p\"}", ItemRowProblem.MissingPrice, "no price" },
        { "{\"title\": \"x\", \"price\": -5, \"prompt\": \"p\"}", ItemRowProblem.NegativePrice, "price -5 is negative" },
        { "{\"title\": \"x\", \"price\": \"$1,299.00\", \"prompt\": \"p\"}", ItemRowProblem.NonNumericPrice, "price \"$1,299.00\" is not a number" },
        { "{\"title\": \"x\", \"price\": 3}", ItemRowProblem.MissingPrompt, "no \"prompt\"" },
        { "{\"title\": 7, \"price\": 3, \"prompt\": \"p\"}", ItemRowProblem.WrongFieldType, "\"title\" is a JSON number" },
        { "{\"price\": 3, \"prompt\": \"no blank line\"}", ItemRowProblem.MissingTitle, "no title" },
    };

    [Theory]
    [MemberData(nameof(BadRowsData))]
    public void A_bad_row_names_the_file_and_line_or_is_skipped_and_counted(string badLine, ItemRowProblem problem, string detail)
    {
        using var dir = new TempDir();
        var path = dir.File("items.jsonl");
        var good = Sample.Select(i => JsonSerializer.Serialize(new { title = i.Title, price = i.Price, prompt = i.Prompt })).ToArray();
        File.WriteAllLines(path, [good[0], "", badLine, good[1]]);

        var e = Assert.Throws<ItemFileException>(() => ItemStore.Load(path));
        Assert.StartsWith($"{path}, line 3: ", e.Message);
        Assert.Contains(detail, e.Message);
        Assert.Equal(problem, e.Row!.Problem);

        var loaded = ItemStore.Load(path, BadRows.Skip);
        Assert.Equal([Sample[0].Title, Sample[1].Title], loaded.Items.Select(i => i.Title));
        Assert.Equal([new KeyValuePair<ItemRowProblem, int>(problem, 1)], loaded.Skips);
        Assert.Equal("line 3", loaded.SkippedRows.Single().Location);
    }

    [Fact]
    public void A_file_of_only_bad_rows_still_fails_when_skipping()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("bad.jsonl"), ["1", "\"x\"", "{\"price\": 2}"]);
        var e = Assert.Throws<ItemFileException>(() => ItemStore.Load(dir.File("bad.jsonl"), BadRows.Skip));
        Assert.Contains("no items in", e.Message);
        Assert.Contains("3 rows skipped (NotAnObject 2, MissingPrompt 1)", e.Message);
    }

    [Fact]
    public void Saving_no_items_as_gz_still_writes_a_valid_gzip()
    {
        using var dir = new TempDir();
        var path = dir.File("empty.jsonl.gz");

        ItemStore.Save([], path);

        using var gzip = new ICSharpCode.SharpZipLib.GZip.GZipInputStream(File.OpenRead(path));
        Assert.Equal(-1, gzip.ReadByte());
    }

    [Fact]
    public void A_truncated_gzip_is_a_clear_error()
    {
        using var dir = new TempDir();
        var whole = dir.File("items.jsonl.gz");
        ItemStore.Save(Enumerable.Range(0, 3000).Select(i => TestItems.Make($"Item number {i} {Guid.NewGuid()}", i % 900 + 1)), whole);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(dir.File("cut.jsonl.gz"), bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ItemFileException>(() => ItemStore.Load(dir.File("cut.jsonl.gz")));
        Assert.Contains("cut.jsonl.gz", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Many_rows_load_in_file_order()
    {
        using var dir = new TempDir();
        var items = Enumerable.Range(0, 10_000).Select(i => TestItems.Make($"Item {i}", i % 999 + 1)).ToList();
        ItemStore.Save(items, dir.File("many.jsonl.gz"));
        Assert.Equal(items, ItemStore.Load(dir.File("many.jsonl.gz")));
    }
}
