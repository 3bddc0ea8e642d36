using System.Text.RegularExpressions;
using Pricer.Cli.Commands;
using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Editions;
using Spectre.Console;

namespace Pricer.Cli.Editions;

/// <summary>
/// <c>pricer curate --edition 2025 INPUT… --out DIR</c>: raw Amazon metadata files → the 2025 course's parser
/// (<see cref="ItemParser2025"/>), then its de-duplication, weighted sample and split (<see cref="CourseSample2025"/>)
/// → <c>DIR/train.jsonl</c>, <c>validation.jsonl</c>, <c>test.jsonl</c>: 2025 items with their full text and weight,
/// ready for <c>pricer summarize</c>. Each item's category is <c>--category</c>, else the file's
/// (<c>meta_Appliances.jsonl</c> → Appliances, as the course's loader names it), else the row's <c>main_category</c>.
/// </summary>
internal static partial class Curate2025
{
    /// <summary>The files written, in the course's split order.</summary>
    public static IReadOnlyList<string> SplitNames { get; } = ["train", "validation", "test"];

    public static int Run(CurateCommand.Settings settings, IReadOnlyList<MetadataFile> inputs, CancellationToken cancellationToken)
    {
        var console = CommandConsoles.Error();
        string folder = settings.Out!;
        OutputPaths.CheckFolder(folder);
        var summary = new CurationSummary();
        var warnings = new StringWriter();
        var parsed = new List<Item>();
        foreach (var input in inputs)
        {
            string? category = settings.Category ?? CategoryOf(input.Path);
            var pipeline = new CurationPipeline(product => ItemParser2025.Parse(product, category ?? product.MainCategory), settings.Threads);
            parsed.AddRange(pipeline.Curate([input], summary, null, warnings, cancellationToken));
        }
        console.Write(warnings.ToString());
        console.WriteLine($"Parsed: {summary}");

        var sizes = settings.Sizes2025;
        Dataset2025 dataset;
        try
        {
            dataset = CourseSample2025.Build(parsed, sizes, settings.Seed);
        }
        catch (ArgumentException e)
        {
            return CommandConsoles.Fail($"{CliErrors.WithoutParameterName(e)} Nothing was written.");
        }
        if (settings.Lite) dataset = dataset.Lite(SplitSizes2025.Lite);
        console.WriteLine($"{dataset.Parsed:N0} items, {dataset.AfterDeduplication:N0} after de-duplication; sampled {sizes.Total:N0} " +
                          $"(seed {settings.Seed}){(settings.Lite ? ", lite: the first 20,000 / 1,000 / 1,000 of each split" : "")}");
        IReadOnlyList<IReadOnlyList<Item>> splits = [dataset.Train, dataset.Validation, dataset.Test];
        for (int i = 0; i < splits.Count; i++)
        {
            string path = Path.Combine(folder, SplitNames[i] + ".jsonl");
            ItemStore.Save(splits[i], path);
            console.WriteLine($"{SplitNames[i]}: {splits[i].Count:N0} items → {path}");
        }
        return 0;
    }

    /// <summary>The category a course loader would give a file: <c>meta_NAME.jsonl[.gz]</c> or <c>raw_meta_NAME…</c> → NAME; else null.</summary>
    internal static string? CategoryOf(string path) =>
        MetaFileName().Match(Path.GetFileName(path)) is { Success: true } match ? match.Groups["category"].Value : null;

    [GeneratedRegex(@"^(?:raw_)?meta_(?<category>[A-Za-z0-9_]+?)(?:\.jsonl|\.json)?(?:\.gz)?$")]
    private static partial Regex MetaFileName();
}
