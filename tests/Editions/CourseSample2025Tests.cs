using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PricerLib.Classical;
using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Editions;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Editions;

/// <summary>
/// <c>week6/day1.ipynb</c>'s de-duplication, weighted sample and split against the course's own code: the expected
/// values were printed by CPython 3.11 with numpy 1.24.2 running the course's <c>parser.py</c> and day-1 cells
/// (seeds 42) on the same rows. They are the reference, not made up here.
/// </summary>
public sealed class CourseSample2025Tests
{
    [Fact]
    public void Numpy_legacy_seeding_gives_numpys_doubles_and_python_shuffle_gives_pythons_order()
    {
        var numpy = PythonRandom.NumpyLegacy(42);
        Assert.Equal(new[] { 0.3745401188473625, 0.9507143064099162, 0.7319939418114051 }, new[] { numpy.NextDouble(), numpy.NextDouble(), numpy.NextDouble() });
        var order = Enumerable.Range(0, 10).ToList();
        new PythonRandom(42).Shuffle(order);
        Assert.Equal([7, 3, 2, 8, 5, 6, 9, 4, 0, 1], order);
    }

    [Fact]
    public void Choice_without_replacement_draws_numpys_indices_and_sum_is_numpys_pairwise_sum()
    {
        double[] weights = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1];
        double total = NumpyChoice.PairwiseSum(weights);
        var p = weights.Select(w => w / total).ToArray();
        Assert.Equal(new[] { 3, 8, 6, 9, 7, 4, 5, 11 }, NumpyChoice.WithoutReplacement(p, 8, PythonRandom.NumpyLegacy(7)));

        var values = Enumerable.Range(0, 1000).Select(i => 0.1 * i + 1.0 / 3).ToArray();
        Assert.Equal(50283.333333333336, NumpyChoice.PairwiseSum(values)); // a plain loop gives 50283.33333333328
    }

    [Fact]
    public void Choice_refuses_what_numpy_refuses()
    {
        Assert.Throws<ArgumentException>(() => NumpyChoice.WithoutReplacement([0.5, 0.5, 0], 3, PythonRandom.NumpyLegacy(1)));
        Assert.Throws<ArgumentException>(() => NumpyChoice.WithoutReplacement([0.5, 0.6], 1, PythonRandom.NumpyLegacy(1)));
        Assert.Throws<ArgumentException>(() => NumpyChoice.WithoutReplacement([1.5, -0.5], 1, PythonRandom.NumpyLegacy(1)));
    }

    [Fact]
    public void Titles_then_full_texts_are_deduplicated_after_the_shuffle_and_the_cheapest_item_is_never_drawn()
    {
        Item Raw(string title, string full, double price) => new() { Title = title, Full = full, Price = price, Prompt = "", Category = "Home" };
        var items = new[] { Raw("A", "x", 1), Raw("A", "x", 2), Raw("B", "x", 3), Raw("C", "z", 4), Raw("D", "w", 5) };

        var distinct = CourseSample2025.Deduplicate(items);

        Assert.Equal(3, distinct.Count);
        Assert.Equal(distinct.Count, distinct.Select(i => i.Title).Distinct().Count());
        Assert.Equal(distinct.Count, distinct.Select(i => i.Full).Distinct().Count());
        var error = Assert.Throws<ArgumentException>(() => CourseSample2025.Build(items, new SplitSizes2025(2, 0, 1)));
        Assert.Contains("only 2 of the 3 distinct items have a positive weight", error.Message);
    }

    [Fact]
    public void The_lite_dataset_is_the_first_items_of_each_split_of_the_full_one()
    {
        var items = Enumerable.Range(1, 30).Select(i => new Item { Title = $"T{i}", Full = $"F{i}", Price = i, Prompt = "", Category = "Home" }).ToList();
        var full = CourseSample2025.Build(items, new SplitSizes2025(12, 6, 6));

        var lite = full.Lite(new SplitSizes2025(5, 2, 3));

        Assert.Equal(full.Train.Take(5), lite.Train);
        Assert.Equal(full.Validation.Take(2), lite.Validation);
        Assert.Equal(full.Test.Take(3), lite.Test);
        Assert.Equal((20_000, 1_000, 1_000), (SplitSizes2025.Lite.Train, SplitSizes2025.Lite.Validation, SplitSizes2025.Lite.Test));
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void The_shared_items_parse_deduplicate_sample_and_split_exactly_as_the_courses_python_does()
    {
        var parsed = new List<Item>();
        foreach (var line in File.ReadLines(Shared.Items))
        {
            using var json = JsonDocument.Parse(line);
            var row = json.RootElement;
            if (row.GetProperty("details").ValueKind == JsonValueKind.Null) continue; // the course's json.loads(None) raises
            var product = new RawProduct(row.GetProperty("title").GetString(), null, row.GetProperty("price").GetRawText(), [], [],
                row.GetProperty("details").GetString());
            if (ItemParser2025.Parse(product, row.GetProperty("category").GetString()).Item is { } item) parsed.Add(item);
        }
        Assert.Equal(1443, parsed.Count);
        var distinct = CourseSample2025.Deduplicate(parsed);
        Assert.Equal("b9f95d1801deb209", Sha(distinct.Select(i => i.Full!)));
        Assert.Equal("0a56e6189dc2f3a6", Sha(CourseSample2025.Weights(distinct).Select(PythonJson.FloatRepr)));

        var dataset = CourseSample2025.Build(parsed, new SplitSizes2025(300, 50, 50));

        Assert.Equal((300, 50, 50, 1443), (dataset.Train.Count, dataset.Validation.Count, dataset.Test.Count, dataset.AfterDeduplication));
        var sample = dataset.Train.Concat(dataset.Validation).Concat(dataset.Test).ToList();
        Assert.Equal("aff47c7b79110ba4", Sha(sample.Select(i => i.Title)));
        Assert.Equal("12b035cea3f1cd2c", Sha(sample.Select(i => PythonJson.FloatRepr(i.Weight!.Value))));
        Assert.Equal("KOBE -1 Under Cabinet Range Hood, 36-Inch, Stainless Steel\n{\"Brand Name\": \"Kobe\"", dataset.Validation[0].Full![..80]);
    }

    private static string Sha(IEnumerable<string> values) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', values))))[..16];
}
