using PricerLib.Data.Amazon;
using PricerLib.Data.Demo;
using PricerLib.Tokenization;

namespace PricerLib.Data;

/// <summary>
/// Where the notebooks and the demo read raw Amazon metadata from: a folder of <c>meta_&lt;Category&gt;.jsonl[.gz]</c>
/// files. Real data when <see cref="Variable"/> names such a folder, else the synthetic demo catalogue.
/// </summary>
public sealed class DataSource
{
    /// <summary>The one setting that points the notebooks at real data.</summary>
    public const string Variable = WorkbookSettings.Variables.Data;

    /// <summary>The demo catalogue's seed: the same records on every machine.</summary>
    public const int DemoSeed = 42;

    private DataSource(string folder, bool isSynthetic)
    {
        Folder = folder;
        IsSynthetic = isSynthetic;
    }

    /// <summary>The folder holding the metadata files.</summary>
    public string Folder { get; }

    /// <summary>True for the generated demo catalogue: every chart and table made from it must say so.</summary>
    public bool IsSynthetic { get; }

    /// <summary>One line for notebooks and logs.</summary>
    public string Description => IsSynthetic
        ? $"{DemoCatalogue.SyntheticLabel}: a generated catalogue in {Folder} (set {Variable} to a folder of meta_<Category>.jsonl files for real data)"
        : $"Amazon Reviews 2023 metadata in {Folder}";

    /// <summary>A label to put on charts: the synthetic-data label, or null for real data.</summary>
    public string? ChartNote => IsSynthetic ? DemoCatalogue.SyntheticLabel : null;

    /// <summary>Real data if the settings name a data folder, else the demo catalogue under <c>demo/catalogue</c> of the outputs folder.</summary>
    public static DataSource From(WorkbookSettings settings) =>
        settings.Data is { } folder ? Real(folder) : Demo(Path.Combine(settings.Out, "demo", "catalogue"));

    /// <summary>A folder of real metadata files.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static DataSource Real(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"{Variable} names {full}, which does not exist.");
        return new DataSource(full, isSynthetic: false);
    }

    /// <summary>
    /// The synthetic demo catalogue in <paramref name="folder"/>, generated there on first use. Its size follows the
    /// course's category mix, with at least <see cref="DemoMinimumPerCategory"/> rows in every category so that the
    /// one-category notebook has something to show.
    /// </summary>
    public static DataSource Demo(string folder)
    {
        var full = Path.GetFullPath(folder);
        var counts = DemoCounts();
        if (counts.Keys.Any(c => !File.Exists(Path.Combine(full, DemoCatalogue.FileName(c)))))
            DemoCatalogue.WriteCategoryFiles(full, counts, DemoSeed);
        return new DataSource(full, isSynthetic: true);
    }

    /// <summary>Rows the demo catalogue gets in its smallest categories.</summary>
    public const int DemoMinimumPerCategory = 2_000;

    /// <summary>Rows per category of the demo catalogue: the course's mix of 16,000 rows, floored at the minimum.</summary>
    public static IReadOnlyDictionary<string, int> DemoCounts() =>
        DemoCatalogue.CourseMix(16_000).ToDictionary(kv => kv.Key, kv => Math.Max(kv.Value, DemoMinimumPerCategory));

    /// <summary>The categories with a metadata file here, in name order.</summary>
    public IReadOnlyList<string> Categories =>
        Directory.EnumerateFiles(Folder, "meta_*.jsonl*")
            .Select(CategoryOf).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The course's eight categories that have a file here, in the course's order.</summary>
    public IReadOnlyList<string> CourseCategories => AmazonCategories.Course.Intersect(Categories).ToList();

    /// <summary>The metadata file of <paramref name="category"/> (<c>.jsonl</c> or <c>.jsonl.gz</c>).</summary>
    /// <exception cref="FileNotFoundException">No file for that category; the message lists the ones there are.</exception>
    public string FileFor(string category)
    {
        foreach (var name in new[] { $"meta_{category}.jsonl", $"meta_{category}.jsonl.gz" })
        {
            var path = Path.Combine(Folder, name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(
            $"No meta_{category}.jsonl[.gz] in {Folder}. Categories here: {string.Join(", ", Categories)}.");
    }

    /// <summary>The raw rows of one category, streamed; problems are counted in <paramref name="summary"/>.</summary>
    public IEnumerable<RawProduct> Read(string category, CurationSummary? summary = null) =>
        MetadataReader.Read(FileFor(category), summary);

    /// <summary>
    /// Curates the given categories on all cores, each item labelled with its category's name (as the course labels
    /// items by dataset), in the order given.
    /// </summary>
    public CurationResult Curate(ITextTokenizer tokenizer, params string[] categories)
    {
        var curator = new ItemCurator(tokenizer);
        var items = new List<Item>();
        var summary = new CurationSummary();
        foreach (var category in categories)
        {
            var result = new CurationPipeline(curator, category).Run([FileFor(category)]);
            items.AddRange(result.Items);
            summary.Add(result.Summary);
        }
        return new CurationResult(items, summary);
    }

    private static string? CategoryOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".jsonl.gz", ".jsonl" })
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return name["meta_".Length..^suffix.Length];
        return null;
    }
}
