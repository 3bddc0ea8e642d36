using PricerLib.Data;
using PricerLib.Data.Dataset;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Dataset;

public class DatasetSplitterTests
{
    private static readonly List<Item> Sample =
        Enumerable.Range(0, 1_000).Select(i => TestItems.Make($"item {i}", i % 500 + 1)).ToList();

    [Fact]
    public void Splits_have_the_requested_sizes_are_disjoint_and_come_from_the_sample()
    {
        var split = DatasetSplitter.ShuffleAndSplit(Sample, trainSize: 900, testSize: 80, seed: 42);
        Assert.Equal(900, split.Train.Count);
        Assert.Equal(80, split.Test.Count);
        Assert.Equal(20, split.Unused);
        Assert.False(split.TrainShrunk);
        Assert.Empty(split.Train.Intersect(split.Test));
        Assert.Equal(980, split.Train.Concat(split.Test).Distinct().Count());
        Assert.All(split.Train.Concat(split.Test), item => Assert.Contains(item, Sample));
        Assert.NotEqual(Sample.Take(900), split.Train); // shuffled
    }

    [Fact]
    public void The_shuffle_is_reproducible_with_a_seed_and_differs_with_another()
    {
        var a = DatasetSplitter.ShuffleAndSplit(Sample, 900, 80, seed: 1);
        var b = DatasetSplitter.ShuffleAndSplit(Sample, 900, 80, seed: 1);
        var c = DatasetSplitter.ShuffleAndSplit(Sample, 900, 80, seed: 2);
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void A_small_sample_keeps_the_test_split_whole_and_shrinks_the_train_split()
    {
        var split = DatasetSplitter.ShuffleAndSplit(Sample, trainSize: 400_000, testSize: 250);
        Assert.Equal(250, split.Test.Count);
        Assert.Equal(750, split.Train.Count);
        Assert.True(split.TrainShrunk);
        Assert.Equal(0, split.Unused);
    }

    [Fact]
    public void A_sample_too_small_for_the_test_split_is_a_clear_error()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetSplitter.ShuffleAndSplit(Sample.Take(10).ToList(), 5, 10));
        Assert.Contains("the sample has 10 items", e.Message);
    }

    [Fact]
    public void Save_writes_gzip_splits_that_load_back()
    {
        using var dir = new TempDir();
        var split = DatasetSplitter.ShuffleAndSplit(Sample, 100, 20);
        var (trainPath, testPath) = split.Save(dir.Path);
        Assert.Equal(dir.File("train.jsonl.gz"), trainPath);
        Assert.Equal(dir.File("test.jsonl.gz"), testPath);
        Assert.Equal(split.Train, ItemStore.Load(trainPath));
        Assert.Equal(split.Test, ItemStore.Load(testPath));
    }
}

public class DatasetSummaryTests
{
    [Fact]
    public void Counts_categories_and_price_statistics()
    {
        Item[] items =
        [
            TestItems.Make("a", 10, "Automotive"), TestItems.Make("b", 30, "Automotive"),
            TestItems.Make("c", 20, "Appliances"), TestItems.Make("d", 100, null),
        ];
        var summary = DatasetSummary.Of(items);
        Assert.Equal(4, summary.Count);
        // Most first, ties by ordinal name ("(none)" sorts before letters).
        Assert.Equal([("Automotive", 2), (DatasetSummary.NoCategory, 1), ("Appliances", 1)],
            summary.Categories.Select(c => (c.Category, c.Count)));
        Assert.Equal(0.5, summary.Categories[0].Share);
        Assert.Equal(40, summary.PriceMean);
        Assert.Equal(25, summary.PriceMedian);
        Assert.Equal(10, summary.PriceMin);
        Assert.Equal(100, summary.PriceMax);
        Assert.Contains("4 items; price avg 40.00, median 25.00", summary.ToString());
    }

    [Fact]
    public void Items_become_a_data_frame_with_the_notebook_columns()
    {
        Item[] items = [TestItems.Make("Émoji 🎸", 12.5, "Musical_Instruments", tokens: 155), TestItems.Make("b", 3, null)];
        var frame = ItemFrames.ToDataFrame(items);
        Assert.Equal(["title", "category", "price", "token_count", "prompt_length"], frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("Émoji 🎸", frame["title"][0]);
        Assert.Null(frame["category"][1]);
        Assert.Equal(12.5, frame["price"][0]);
        Assert.Equal(155, frame["token_count"][0]);
        Assert.Null(frame["token_count"][1]);
        // Python's len(): the guitar (twice in the prompt) is one code point though two UTF-16 units.
        Assert.Equal(items[0].Prompt.Length - 2, frame["prompt_length"][0]);
    }
}
