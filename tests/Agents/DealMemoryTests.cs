using System.Text.Json.Nodes;
using PricerLib.Agents;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Agents;

/// <summary>memory.json: the course's format, atomic writes, and a damaged file kept aside.</summary>
public class DealMemoryTests
{
    [Fact]
    public void Opportunities_round_trip_in_the_course_json()
    {
        using var folder = new TempDir();
        var memory = new DealMemory(folder.File("memory.json"));
        var kept = Opportunity.Of(new Deal("A kettle", 39, "http://a/1"), 120);

        memory.Write([kept]);

        var json = JsonNode.Parse(File.ReadAllText(memory.Path))!.AsArray();
        Assert.Equal("A kettle", (string?)json[0]!["deal"]!["product_description"]);
        Assert.Equal(81.0, (double)json[0]!["discount"]!);
        Assert.Equal([kept], new DealMemory(memory.Path).Read(warning => Assert.Fail(warning)));
    }

    [Fact]
    public void A_course_memory_file_is_read()
    {
        using var folder = new TempDir();
        File.WriteAllText(folder.File("memory.json"), """
            [{"deal": {"product_description": "Samsung tablet", "price": 219.99, "url": "https://example.test/d/1"}, "estimate": 299.0, "discount": 79.01}]
            """);

        var read = Assert.Single(new DealMemory(folder.File("memory.json")).Read(warning => Assert.Fail(warning)));

        Assert.Equal(219.99, read.Deal.Price);
        Assert.Equal(79.01, read.Discount);
    }

    [Theory]
    [InlineData("[{\"deal\": {\"product_description\": \"x\", \"pri")]
    [InlineData("null")]
    [InlineData("[{\"estimate\": 3}]")]
    [InlineData("{\"not\": \"a list\"}")]
    public void A_damaged_file_is_kept_aside_with_a_warning_never_emptied(string content)
    {
        using var folder = new TempDir();
        var path = folder.File("memory.json");
        File.WriteAllText(path, content);
        var warnings = new List<string>();

        var read = new DealMemory(path).Read(warnings.Add);

        Assert.Empty(read);
        Assert.False(File.Exists(path));
        var aside = Assert.Single(Directory.GetFiles(folder.Path, "memory.json.corrupt-*"));
        Assert.Equal(content, File.ReadAllText(aside));
        Assert.Contains(aside, Assert.Single(warnings));
    }

    [Fact]
    public void No_file_is_an_empty_memory()
    {
        using var folder = new TempDir();
        Assert.Empty(new DealMemory(folder.File("memory.json")).Read(warning => Assert.Fail(warning)));
    }
}
