using System.IO.Compression;
using System.Text;
using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Amazon;

public class MetadataReaderTests
{
    private const string HuggingFaceRow =
        """{"main_category": "Appliances", "title": "Widget", "price": "None", "features": ["a", "b"], "description": [], "details": "{\"Brand\": \"Acm\\u00e9\"}"}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_the_raw_shape_and_serialises_details_as_python_does(bool gzip)
    {
        using var dir = new TempDir();
        var path = AmazonFiles.Write(dir.File("meta_Appliances.jsonl" + (gzip ? ".gz" : "")), [AmazonFiles.RawRow(7)], gzip);

        var product = Assert.Single(MetadataReader.Read(path));

        Assert.Equal("item 7", product.Title);
        Assert.Equal("Appliances", product.MainCategory);
        Assert.Equal("12.5", product.Price);
        Assert.Equal(["f7"], product.Features);
        Assert.Equal(["d7"], product.Description);
        Assert.Equal("""{"Brand": "Acm\u00e9", "Rank": 7}""", product.Details);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_the_hugging_face_shape_passing_details_and_price_through(bool gzip)
    {
        using var dir = new TempDir();
        var path = AmazonFiles.Write(dir.File("raw_meta.jsonl"), [HuggingFaceRow], gzip); // gzip found by magic bytes, not the name

        var product = Assert.Single(MetadataReader.Read(path));

        Assert.Equal("None", product.Price);
        Assert.Equal("""{"Brand": "Acm\u00e9"}""", product.Details);
        Assert.Equal(["a", "b"], product.Features);
        Assert.Empty(product.Description);
    }

    [Fact]
    public void Missing_and_null_fields_become_null_or_empty()
    {
        using var dir = new TempDir();
        var path = AmazonFiles.Write(dir.File("m.jsonl"), ["""{"title": null, "details": null, "features": null}"""]);

        var product = Assert.Single(MetadataReader.Read(path));

        Assert.Null(product.Title);
        Assert.Null(product.MainCategory);
        Assert.Null(product.Price);
        Assert.Null(product.Details);
        Assert.Empty(product.Description);
        Assert.Empty(product.Features);
    }

    [Theory]
    [InlineData("\"\"", "")]
    [InlineData("\"None\"", "None")]
    [InlineData("\"$1,299.00\"", "$1,299.00")]
    [InlineData("-5", "-5")]
    [InlineData("1e9", "1e9")]
    [InlineData("19.99", "19.99")]
    [InlineData("null", null)]
    public void Prices_pass_through_as_text_for_the_curator_to_judge(string json, string? expected)
    {
        using var dir = new TempDir();
        var path = AmazonFiles.Write(dir.File("m.jsonl"), [$$"""{"title": "t", "price": {{json}}}"""]);

        Assert.Equal(expected, Assert.Single(MetadataReader.Read(path)).Price);
    }

    [Fact]
    public void Bad_rows_are_counted_by_reason_and_the_good_ones_kept_in_order()
    {
        using var dir = new TempDir();
        var path = AmazonFiles.Write(dir.File("m.jsonl"),
        [
            AmazonFiles.RawRow(0),
            "{\"title\": \"cut off",
            "",
            "[1, 2]",
            "\"just a string\"",
            """{"title": "x", "features": 42}""",
            """{"title": 42}""",
            """{"title": "x", "description": ["ok", 3]}""",
            """{"title": "x", "price": true}""",
            """{"title": "x", "details": [1]}""",
            "   ",
            AmazonFiles.RawRow(1),
        ]);
        var summary = new CurationSummary();
        var warnings = new StringWriter();

        var titles = MetadataReader.Read(path, summary, warnings).Select(p => p.Title).ToList();

        Assert.Equal(["item 0", "item 1"], titles);
        Assert.Equal(10, summary.Read); // blank lines are not rows
        Assert.Equal(1, summary.SkippedFor(SkipReason.MalformedJson));
        Assert.Equal(2, summary.SkippedFor(SkipReason.NotAnObject));
        Assert.Equal(5, summary.SkippedFor(SkipReason.WrongFieldType));
        Assert.Contains($"{path}:2: skipped (MalformedJson)", warnings.ToString());
        Assert.Contains("field 'features' should be a list of strings, not a number", warnings.ToString());
    }

    [Fact]
    public void Crlf_line_ends_and_a_byte_order_mark_are_accepted()
    {
        using var dir = new TempDir();
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AmazonFiles.RawRow(0) + "\r\n" + AmazonFiles.RawRow(1) + "\r\n")).ToArray();
        var path = AmazonFiles.WriteBytes(dir.File("m.jsonl"), content);

        Assert.Equal(["item 0", "item 1"], MetadataReader.Read(path).Select(p => p.Title));
    }

    [Fact]
    public void A_missing_file_is_a_clear_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-pricer", "meta_X.jsonl");
        var e = Assert.Throws<MetadataInputException>(() => MetadataReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("no such file", e.Message);
    }

    [Theory]
    [InlineData("empty", "the file is empty")]
    [InlineData("blank", "only blank lines")]
    [InlineData("empty-gzip", "the gzip holds no data")]
    [InlineData("png", "a PNG image")]
    [InlineData("csv", "(a CSV/TSV file?)")]
    [InlineData("json-array", "a JSON array")]
    [InlineData("gzip-cut-in-header", "truncated or corrupt")]
    public void Files_that_are_not_metadata_are_refused_with_a_clear_message(string kind, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("input.jsonl");
        switch (kind)
        {
            case "empty": File.WriteAllBytes(path, []); break;
            case "blank": File.WriteAllText(path, "\n  \n\n"); break;
            case "empty-gzip": File.WriteAllBytes(path, Convert.FromHexString("1f8b080000000000020303000000000000000000")); break; // Python's gzip.compress(b"")
            case "png": File.WriteAllBytes(path, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]); break;
            case "csv": File.WriteAllText(path, "title,price\nWidget,12.50\n"); break;
            case "json-array": File.WriteAllText(path, "[" + AmazonFiles.RawRow(0) + "]\n"); break;
            case "gzip-cut-in-header": File.WriteAllBytes(path, [0x1F, 0x8B, 8, 0]); break;
        }

        var e = Assert.Throws<MetadataInputException>(() => MetadataReader.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(2)] // cut in the middle of the compressed data
    [InlineData(-4)] // only the trailer's size field missing: every row is there, the end is not
    public void A_truncated_gzip_keeps_the_rows_before_the_break_and_counts_it_once(int cut)
    {
        using var dir = new TempDir();
        var full = AmazonFiles.Write(dir.File("full.jsonl.gz"), Enumerable.Range(0, 3000).Select(i => AmazonFiles.RawRow(i)), gzip: true);
        var bytes = File.ReadAllBytes(full);
        var path = AmazonFiles.WriteBytes(dir.File("cut.jsonl.gz"), bytes[..(cut > 0 ? bytes.Length / cut : bytes.Length + cut)]);
        var summary = new CurationSummary();
        var warnings = new StringWriter();

        var titles = MetadataReader.Read(path, summary, warnings).Select(p => p.Title).ToList();

        // Every complete line the damaged file still holds (.NET's GZipStream inflates a cut stream silently).
        using var lenient = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        int recoverable = new StreamReader(lenient).ReadToEnd().Count(c => c == '\n');
        Assert.Equal(cut > 0 ? recoverable : 3000, titles.Count);
        Assert.InRange(titles.Count, 1, 3000);
        Assert.Equal(Enumerable.Range(0, titles.Count).Select(i => $"item {i}"), titles); // intact and in order
        Assert.Equal(1, summary.SkippedFor(SkipReason.TruncatedInput));
        Assert.Equal(titles.Count + 1, summary.Read);
        Assert.Equal(summary.Skipped, summary.SkippedFor(SkipReason.TruncatedInput));
        Assert.Contains("the gzip data ends early or is corrupt", warnings.ToString());
    }

    [Fact]
    public void Concatenated_gzip_members_are_read_whole()
    {
        using var dir = new TempDir();
        var a = File.ReadAllBytes(AmazonFiles.Write(dir.File("a.gz"), [AmazonFiles.RawRow(0)], gzip: true));
        var b = File.ReadAllBytes(AmazonFiles.Write(dir.File("b.gz"), [AmazonFiles.RawRow(1)], gzip: true));
        var path = AmazonFiles.WriteBytes(dir.File("ab.jsonl.gz"), [.. a, .. b]);
        var summary = new CurationSummary();

        Assert.Equal(["item 0", "item 1"], MetadataReader.Read(path, summary).Select(p => p.Title));
        Assert.Equal(0, summary.Skipped);
    }
}
