using System.Security.Cryptography;
using System.Text.Json;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Curation;

/// <summary><c>pricer bench curate --input</c> as a real process on a small metadata file made from the shared items.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class BenchCurateRealTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-real-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The first <paramref name="rows"/> shared items as Hugging Face-shaped metadata (details a JSON string).</summary>
    private string MetadataFile(int rows)
    {
        string path = Path.Combine(_folder, "meta_Test.jsonl");
        using var output = File.Create(path);
        foreach (var line in File.ReadLines(Shared.Items).Take(rows))
        {
            using var item = JsonDocument.Parse(line);
            var root = item.RootElement;
            string prompt = root.GetProperty("prompt").GetString()!;
            using var writer = new Utf8JsonWriter(output);
            writer.WriteStartObject();
            writer.WriteString("title", root.GetProperty("title").GetString());
            writer.WriteString("price", root.GetProperty("price").GetRawText());
            writer.WriteStartArray("description");
            foreach (var paragraph in prompt.Split('\n').Skip(3)) writer.WriteStringValue(paragraph);
            writer.WriteEndArray();
            writer.WriteString("details", root.GetProperty("details").GetString());
            writer.WriteEndObject();
            writer.Flush();
            output.WriteByte((byte)'\n');
        }
        return path;
    }

    [SkippableFact]
    public void Both_paths_write_the_same_items_and_the_report_names_their_hash()
    {
        string input = MetadataFile(300);
        var (exitCode, stdout, stderr) = PricerProcess.Run(new Dictionary<string, string?> { ["PRICER_OUT"] = _folder },
            "bench", "curate", "--input", input, "--threads", "2", "--tokenizer", Shared.Llama3TokenizerModel);

        Assert.True(exitCode == 0, stderr + stdout);
        Assert.Contains("identical on every run", stdout);
        Assert.Contains("Scrub alone,", stdout);
        Assert.Contains("GC pauses", stdout);
        Assert.Matches(@"baseline\s*│\s*2\s*│", stdout);
        Assert.Matches(@"fast\s*│\s*1\s*│", stdout);
        foreach (var stage in new[] { "read + parse", "scrub", "tokenize + cut", "decode", "prompt count", "write" })
            Assert.Contains(stage, stdout);
        using var items = File.OpenRead(Path.Combine(_folder, "bench", "items-fast-2.jsonl"));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(items)), stdout);
    }

    [Fact]
    public void A_path_without_real_text_is_a_usage_error()
    {
        var (exitCode, _, _) = PricerProcess.Run("bench", "curate", "--path", "fast");
        Assert.Equal(2, exitCode);
    }
}
