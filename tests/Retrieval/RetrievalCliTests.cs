using System.Text.Json;
using PricerLib.Data;
using PricerLib.Retrieval;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Retrieval;

/// <summary>The retrieval verbs as a real <c>pricer</c> process with the real model.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class RetrievalCliTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Embed_writes_one_embedding_line_per_input_line_in_order()
    {
        string[] texts = ["Cordless Drill\n20V, two batteries", "café 中文 👍", "hello world"];
        var input = temp.File("in.jsonl");
        File.WriteAllLines(input, texts.Select(t => JsonSerializer.Serialize(new { body = t, other = 1 })));
        var output = temp.File("out.jsonl");

        var (code, _, stderr) = PricerProcess.Run("embed", "--input", input, "--field", "body", "--out", output);

        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal(texts.Length, lines.Length);
        var expected = Embedders.MiniLm.Embed(texts);
        for (int i = 0; i < texts.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var vector = json.RootElement.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            Assert.Equal(SentenceEmbedder.Dimensions, vector.Length);
            Assert.InRange(Embedders.Cosine(vector, expected[i]), 0.99999f, 1.00001f);
        }
    }

    [Fact]
    public void Embed_refuses_a_line_without_the_field_or_with_invalid_utf8_and_writes_nothing()
    {
        var input = temp.File("in.jsonl");
        var output = temp.File("out.jsonl");
        File.WriteAllLines(input, ["{\"text\": \"fine\"}", "{\"title\": \"no text\"}"]);

        var (code, _, stderr) = PricerProcess.Run("embed", "--input", input, "--out", output);
        Assert.Equal(1, code);
        Assert.Contains(":2: no string field \"text\"", stderr);
        Assert.False(File.Exists(output));

        File.WriteAllBytes(input, [.. "{\"text\": \"ok\"}\n{\"text\": \"bad "u8, 0xC3, 0x28, .. "\"}\n"u8]);
        (code, _, stderr) = PricerProcess.Run("embed", "--input", input, "--out", output);
        Assert.Equal(1, code);
        Assert.Contains(":2: not valid UTF-8", stderr);
        Assert.False(File.Exists(output));
    }

    [SkippableFact]
    public void Vectors_build_then_query_finds_an_items_own_document_first_as_camel_case_json()
    {
        var items = temp.File("items.jsonl");
        File.WriteAllLines(items, File.ReadLines(Shared.Items).Take(25));
        var store = Path.Combine(temp.Path, "store");

        var (code, stdout, stderr) = PricerProcess.Run("vectors", "build", "--items", items, "--out", store);
        Assert.True(code == 0, stderr);
        Assert.Equal(Path.GetFullPath(store), stdout.Trim());

        var item = ItemStore.Load(items)[11];
        (code, stdout, stderr) = PricerProcess.Run("vectors", "query", "--store", store, "--text", ItemDocuments.Of(item), "--top", "3", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var neighbours = json.RootElement.GetProperty("neighbours");
        Assert.Equal(3, neighbours.GetArrayLength());
        var first = neighbours[0];
        Assert.Equal(11, first.GetProperty("index").GetInt32());
        Assert.Equal(item.Title, first.GetProperty("title").GetString());
        Assert.Equal(item.Price, first.GetProperty("price").GetDouble());

        (code, _, stderr) = PricerProcess.Run("vectors", "query", "--store", store, "--text", "x", "-k", "26");
        Assert.Equal(1, code);
        Assert.Contains("--top 26 is more than the store's 25", stderr);
    }
}
