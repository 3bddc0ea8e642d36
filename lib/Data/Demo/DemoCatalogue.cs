using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PricerLib.Data.Demo;

/// <summary>
/// A deterministic generator of SYNTHETIC product records in the Amazon Reviews 2023 raw metadata format
/// (<c>meta_&lt;Category&gt;.jsonl</c>: one JSON object per line with <c>main_category</c>, <c>title</c>,
/// <c>features</c>, <c>description</c>, <c>price</c>, <c>details</c>, …) across the course's 8 categories.
/// The real data cannot ship with the project; this lets every step run on a first checkout. Every record says it
/// is synthetic: its <c>store</c> and its <c>details</c> carry <see cref="SyntheticLabel"/>.
/// </summary>
/// <remarks>
/// Same seed, same bytes. A category's records do not depend on how many are asked for (the first 100 of 1,000 are
/// the 100 of 100) nor on the other categories. Records go through the real reader and curator like downloaded ones.
/// </remarks>
public static class DemoCatalogue
{
    /// <summary>The label every demo record carries in its <c>store</c> and <c>details</c>.</summary>
    public const string SyntheticLabel = "Synthetic demo data";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Lazy<DemoProductGenerator> Generator = new(() => new DemoProductGenerator(DemoVocabulary.Embedded));

    /// <summary>The course's 8 categories, largest first (Automotive … Appliances).</summary>
    public static IReadOnlyList<string> Categories => Generator.Value.CategoryNames;

    /// <summary>The raw file name of a category, e.g. <c>meta_Appliances.jsonl</c>, as the dataset names it.</summary>
    public static string FileName(string category) => $"meta_{category}.jsonl";

    /// <summary>
    /// <paramref name="count"/> records, one JSON line each, of categories mixed as in the course's data
    /// (Automotive about a third, Appliances about 1%).
    /// </summary>
    public static IEnumerable<string> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Lines(count, new Random(DeriveSeed(seed, 0)), random => Generator.Value.PickCategory(random));
    }

    /// <summary><paramref name="count"/> records of one category, one JSON line each.</summary>
    /// <exception cref="ArgumentException"><paramref name="category"/> is not one of <see cref="Categories"/>.</exception>
    public static IEnumerable<string> Generate(string category, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(CategorySeed(category, seed));
        return Lines(count, random, _ => category);
    }

    /// <summary>
    /// Splits <paramref name="total"/> records over the categories by the course's category sizes (largest remainder,
    /// so the counts add up to <paramref name="total"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, int> CourseMix(int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var shares = DemoVocabulary.Embedded.Categories.ToDictionary(c => c.Name, c => c.Share);
        double sum = shares.Values.Sum();
        var counts = shares.ToDictionary(kv => kv.Key, kv => (int)Math.Floor(total * kv.Value / sum));
        foreach (var name in shares.Keys.OrderByDescending(n => total * shares[n] / sum - counts[n]).ThenBy(n => n, StringComparer.Ordinal)
                     .Take(total - counts.Values.Sum()))
            counts[name]++;
        return Categories.ToDictionary(c => c, c => counts[c]);
    }

    /// <summary>
    /// Writes <c>meta_&lt;Category&gt;.jsonl</c> into <paramref name="folder"/> for every category, each with
    /// <paramref name="perCategory"/> records, atomically. Returns the paths in <see cref="Categories"/> order.
    /// </summary>
    public static IReadOnlyList<string> WriteCategoryFiles(string folder, int perCategory, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perCategory);
        return WriteCategoryFiles(folder, Categories.ToDictionary(c => c, _ => perCategory), seed);
    }

    /// <summary>
    /// Writes <c>meta_&lt;Category&gt;.jsonl</c> into <paramref name="folder"/> for every category named in
    /// <paramref name="counts"/> (e.g. <see cref="CourseMix"/>), atomically. Returns the paths in the order given.
    /// </summary>
    public static IReadOnlyList<string> WriteCategoryFiles(string folder, IReadOnlyDictionary<string, int> counts, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(counts);
        var paths = new List<string>();
        foreach (var (category, count) in counts)
        {
            var path = Path.Combine(folder, FileName(category));
            var random = new Random(CategorySeed(category, seed));
            AtomicFile.Write(path, stream => WriteRecords(stream, count, random, _ => category));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// Writes <paramref name="count"/> records of mixed categories (as <see cref="Generate(int, int)"/>) to
    /// <paramref name="path"/>, atomically, gzip-compressed when it ends in <c>.gz</c>: a large input for benchmarks.
    /// Cancelling stops the write and leaves neither the file nor its temp file.
    /// </summary>
    public static void WriteFile(string path, int count, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(DeriveSeed(seed, 0));
        AtomicFile.Write(path, stream => WriteRecords(stream, count, random, r => Generator.Value.PickCategory(r), cancellationToken));
    }

    private static IEnumerable<string> Lines(int count, Random random, Func<Random, string> category)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        for (int i = 0; i < count; i++)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            Generator.Value.Write(json, category(random), random);
            json.Flush();
            yield return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    private static void WriteRecords(Stream stream, int count, Random random, Func<Random, string> category,
        CancellationToken cancellationToken = default)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        using var json = new Utf8JsonWriter(buffered, WriterOptions);
        for (int i = 0; i < count; i++)
        {
            if (i % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            Generator.Value.Write(json, category(random), random);
            json.Flush();
            json.Reset();
            buffered.WriteByte((byte)'\n');
        }
        buffered.Flush();
    }

    private static int CategorySeed(string category, int seed)
    {
        int index = Categories.ToList().IndexOf(category);
        if (index < 0)
            throw new ArgumentException($"{category} is not a demo category (known: {string.Join(", ", Categories)})", nameof(category));
        return DeriveSeed(seed, index + 1);
    }

    /// <summary>
    /// One seed per (seed, stream): the SplitMix64 finaliser spreads neighbouring inputs apart, so the category
    /// streams of one seed, and the streams of seeds 1 and 2, share no visible pattern.
    /// </summary>
    private static int DeriveSeed(int seed, int stream)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
