using System.Text.Json.Nodes;
using PricerLib.Agents;
using PricerLib.Retrieval;
using PricerLib.Tests.Retrieval;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Agents;

/// <summary>The app's 3D map of the vector store: built from a real MiniLM store, or a page that says why there is none.</summary>
public class VectorStoreMapTests
{
    /// <summary>A store of the first <paramref name="count"/> shared items, built with the real MiniLM model.</summary>
    internal static string BuildStore(TempDir dir, int count)
    {
        var items = Path.Combine(dir.Path, "items.jsonl");
        File.WriteAllLines(items, File.ReadLines(Shared.Items).Take(count));
        var folder = Path.Combine(dir.Path, "store");
        VectorStoreBuilder.Build(items, folder, Embedders.MiniLm);
        return folder;
    }

    [Theory]
    [InlineData(null, "No vector store was given: start the app with --store DIR")]
    [InlineData("nowhere", "was not found (build one with `pricer vectors build`)")]
    public void Without_a_store_the_page_says_why_and_the_log_warns(string? folder, string reason)
    {
        using var dir = new TempDir();
        var log = new AgentLog();

        var page = VectorStoreMap.Page(folder is null ? null : Path.Combine(dir.Path, folder), log);

        Assert.Contains("<p id=\"no-map\">", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(reason), page);
        Assert.DoesNotContain("scatter3d", page);
        Assert.Contains(reason, Assert.Single(log.Entries, e => e.IsWarning).Message);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void The_map_draws_every_row_once_in_3d_one_trace_per_category()
    {
        using var dir = new TempDir();
        var store = VectorStore.Open(BuildStore(dir, 24), Embedders.MiniLm);

        var traces = JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(Plotly.NET.GenericChart.getTraces(VectorStoreMap.Of(store))))!.AsArray();

        var categories = store.Rows.Select(r => r.Category ?? "(none)").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(categories, traces.Select(t => (string?)t!["name"]));
        Assert.All(traces, t => Assert.Equal("scatter3d", (string?)t!["type"]));
        Assert.Equal(24, traces.Sum(t => t!["z"]!.AsArray().Count));
        var z = traces.SelectMany(t => t!["z"]!.AsArray().Select(v => (double)v!)).ToList();
        Assert.True(z.Max() - z.Min() > 0.01, "the third component spreads the points");
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void A_store_of_one_row_is_explained_not_drawn()
    {
        using var dir = new TempDir();
        var log = new AgentLog();

        var page = VectorStoreMap.Page(BuildStore(dir, 1), log);

        Assert.Contains("holds 1 row(s); a map needs two or more", page);
    }
}
