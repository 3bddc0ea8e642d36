namespace PricerLib.Editions;

/// <summary>One split of a published dataset: its name and the Parquet file that holds it in the repository.</summary>
/// <param name="Split">The split's name on the Hub (<c>train</c>, <c>validation</c> or <c>val</c>, <c>test</c>).</param>
/// <param name="File">The file's path in the dataset repository.</param>
public sealed record HubSplit(string Split, string File);

/// <summary>A dataset of the 2025 course on the Hugging Face Hub, at a fixed revision.</summary>
/// <param name="Name">What users type: <c>items_lite</c>, <c>items_full</c>, <c>items_prompts_lite</c>, <c>items_prompts_full</c>.</param>
/// <param name="Repository">The dataset repository, e.g. <c>ed-donner/items_lite</c>.</param>
/// <param name="Revision">The revision the files are fetched at (see <see cref="HubDatasets"/> on what is pinned).</param>
/// <param name="Splits">Its splits in the course's order.</param>
/// <param name="Rows">The rows per split as the course pushed them (train/validation/test), for the user's reference.</param>
public sealed record HubDataset(string Name, string Repository, string Revision, IReadOnlyList<HubSplit> Splits, string Rows)
{
    /// <summary>The file's address under <paramref name="hub"/> (the Hub's root, or a local server standing in for it).</summary>
    public Uri UrlOf(Uri hub, HubSplit split) =>
        new(hub, $"datasets/{Repository}/resolve/{Uri.EscapeDataString(Revision)}/{split.File}");
}

/// <summary>
/// The 2025 course's four published datasets. <c>items_lite</c>/<c>items_full</c> are <c>Item.push_to_hub</c>'s
/// <c>DatasetDict</c> of train/validation/test (<c>week6/day2.ipynb</c>: full 800k/10k/10k, lite its first 20k/1k/1k;
/// <c>full</c> and <c>id</c> set to None before the push); <c>items_prompts_*</c> are <c>push_prompts_to_hub</c>'s
/// train/val/test of <c>prompt</c> + <c>completion</c> (<c>week7/day2.ipynb</c>). <c>datasets</c>' <c>push_to_hub</c>
/// writes each split as <c>data/{split}-{shard:05d}-of-{shards:05d}.parquet</c>.
/// </summary>
/// <remarks>
/// Not verifiable offline (this machine reaches no Hub): the repositories' commit ids, so <see cref="DefaultRevision"/>
/// is <c>main</c> and <c>--revision</c> pins one; and the shard counts, taken as one file per split (push_to_hub
/// shards at 500 MB, which <c>items_full</c>'s 800k summaries of a few hundred characters stay under). A file that is
/// not there is a clear "not found" naming its URL.
/// </remarks>
public static class HubDatasets
{
    /// <summary>The Hub's root; <c>--base-url</c> replaces it (tests use a local server).</summary>
    public static readonly Uri HubUrl = new("https://huggingface.co/");

    /// <summary>The revision fetched unless one is given: <c>main</c>, since the commit ids could not be looked up here.</summary>
    public const string DefaultRevision = "main";

    /// <summary>Every dataset, by the name users type.</summary>
    public static IReadOnlyList<HubDataset> All { get; } =
    [
        Items("items_lite", "20,000 / 1,000 / 1,000"),
        Items("items_full", "800,000 / 10,000 / 10,000"),
        Prompts("items_prompts_lite", "20,000 / 1,000 / 1,000"),
        Prompts("items_prompts_full", "800,000 / 10,000 / 10,000"),
    ];

    /// <summary>The dataset called <paramref name="name"/>, at <paramref name="revision"/> (default <see cref="DefaultRevision"/>).</summary>
    /// <exception cref="ArgumentException">No such dataset; the message lists them.</exception>
    public static HubDataset Find(string name, string? revision = null)
    {
        var dataset = All.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{name}' is not one of the course's datasets: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
        return revision is null ? dataset : dataset with { Revision = revision };
    }

    private static HubDataset Items(string name, string rows) =>
        new(name, $"ed-donner/{name}", DefaultRevision, [Split("train"), Split("validation"), Split("test")], rows);

    private static HubDataset Prompts(string name, string rows) =>
        new(name, $"ed-donner/{name}", DefaultRevision, [Split("train"), Split("val"), Split("test")], rows);

    private static HubSplit Split(string split) => new(split, $"data/{split}-00000-of-00001.parquet");
}
