using PricerLib.Classical;
using PricerLib.Data;

namespace PricerLib.Editions;

/// <summary>The split sizes of a 2025 dataset: the course's full one (800,000 / 10,000 / 10,000) unless others are given.</summary>
/// <param name="Train">Training items: the sample's first.</param>
/// <param name="Validation">Validation items: the next.</param>
/// <param name="Test">Test items: the rest of the sample.</param>
public sealed record SplitSizes2025(int Train = 800_000, int Validation = 10_000, int Test = 10_000)
{
    /// <summary>The sample's size: <c>SIZE</c> in <c>week6/day1.ipynb</c> (820,000 for the course's sizes).</summary>
    public int Total => Train + Validation + Test;

    /// <summary>The course's lite dataset: the first 20,000 / 1,000 / 1,000 of each split of the full one.</summary>
    public static SplitSizes2025 Lite { get; } = new(20_000, 1_000, 1_000);
}

/// <summary>A 2025 dataset's splits, and how many items each step kept.</summary>
/// <param name="Train">The training split.</param>
/// <param name="Validation">The validation split.</param>
/// <param name="Test">The test split.</param>
/// <param name="Parsed">Items given (those the parser kept).</param>
/// <param name="AfterDeduplication">Items left after dropping repeated titles, then repeated full texts.</param>
public sealed record Dataset2025(IReadOnlyList<Item> Train, IReadOnlyList<Item> Validation, IReadOnlyList<Item> Test, int Parsed, int AfterDeduplication)
{
    /// <summary>The course's lite dataset made from this (full) one: the first items of each split.</summary>
    public Dataset2025 Lite(SplitSizes2025 lite) =>
        this with { Train = [.. Train.Take(lite.Train)], Validation = [.. Validation.Take(lite.Validation)], Test = [.. Test.Take(lite.Test)] };
}

/// <summary>
/// <c>week6/day1.ipynb</c> (109b683e7) after the items are parsed: <c>random.seed(42); random.shuffle(items)</c>; drop
/// items whose title, then whose full text, was seen before; <c>np.random.seed(42)</c> and a weighted draw without
/// replacement of <c>SIZE</c> items, weights (price scaled to 0–1)² halved for Tools_and_Home_Improvement and ×0.05
/// for Automotive; <c>random.seed(42); random.shuffle(sample)</c>; train/validation/test in that order. Python's
/// <c>random</c> and numpy's legacy generator are ported bit for bit (<see cref="PythonRandom"/>, <see cref="NumpyChoice"/>),
/// so the same parsed items in the same order give the course's splits.
/// </summary>
public static class CourseSample2025
{
    /// <summary>The course's seed, for both generators.</summary>
    public const int Seed = 42;

    /// <summary>Categories weighted down, by factor, as the course does (Automotive dominated the items).</summary>
    public static IReadOnlyDictionary<string, double> CategoryFactors { get; } =
        new Dictionary<string, double> { ["Tools_and_Home_Improvement"] = 0.5, ["Automotive"] = 0.05 };

    /// <summary>Deduplicates, samples, shuffles and splits <paramref name="parsed"/> (the parser's items, in load order).</summary>
    /// <exception cref="ArgumentException">Fewer items with a positive weight than the sizes ask for; the message says how many there are.</exception>
    public static Dataset2025 Build(IReadOnlyList<Item> parsed, SplitSizes2025 sizes, int seed = Seed)
    {
        var items = Deduplicate(parsed, seed);
        var weights = Weights(items);
        int positive = weights.Count(w => w > 0);
        if (positive < sizes.Total)
            throw new ArgumentException($"The sample needs {sizes.Total:N0} items ({sizes.Train:N0} / {sizes.Validation:N0} / {sizes.Test:N0}), but only {positive:N0} " +
                $"of the {items.Count:N0} distinct items have a positive weight (the cheapest item weighs nothing). Ask for smaller splits.");
        var drawn = NumpyChoice.WithoutReplacement(weights, sizes.Total, PythonRandom.NumpyLegacy((uint)seed));
        var sample = drawn.Select(i => items[i]).ToList();
        new PythonRandom(seed).Shuffle(sample);
        return new Dataset2025(sample.GetRange(0, sizes.Train), sample.GetRange(sizes.Train, sizes.Validation),
            sample.GetRange(sizes.Train + sizes.Validation, sizes.Test), parsed.Count, items.Count);
    }

    /// <summary>The shuffle and the two de-duplications: first by title, then by full text (ordinal, as Python's set).</summary>
    public static List<Item> Deduplicate(IReadOnlyList<Item> parsed, int seed = Seed)
    {
        var items = parsed.ToList();
        new PythonRandom(seed).Shuffle(items);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        items = items.Where(item => titles.Add(item.Title)).ToList();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        return items.Where(item => texts.Add(item.Full ?? "")).ToList();
    }

    /// <summary>
    /// The course's <c>w / w.sum()</c>: <c>p = (price - min) / (max - min + 1e-9)</c>, <c>w = p**2</c>, the category
    /// factors, and numpy's pairwise sum, so every probability is numpy's to the bit.
    /// </summary>
    public static double[] Weights(IReadOnlyList<Item> items)
    {
        if (items.Count == 0) return [];
        double min = items.Min(i => i.Price), max = items.Max(i => i.Price);
        var w = new double[items.Count];
        for (int i = 0; i < w.Length; i++)
        {
            double p = (items[i].Price - min) / (max - min + 1e-9);
            w[i] = p * p;
            if (items[i].Category is { } category && CategoryFactors.TryGetValue(category, out double factor)) w[i] *= factor;
        }
        double sum = NumpyChoice.PairwiseSum(w);
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
        return w;
    }
}
