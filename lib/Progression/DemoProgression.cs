using Plotly.NET;
using PricerLib.Charts;
using PricerLib.Data;
using PricerLib.Data.Dataset;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tokenization;

namespace PricerLib.Progression;

/// <summary>What the demo made: the report folder and its files, and what each step gave.</summary>
public sealed record DemoReport(
    string ReportFolder,
    IReadOnlyList<string> Files,
    CurationSummary Curation,
    DatasetSplit Split,
    IReadOnlyList<RunRecord> Runs);

/// <summary>
/// The whole progression that exists so far, on the synthetic demo catalogue: curate the eight categories, chart them,
/// balance and split, evaluate the course's first pricers, store the runs and draw the leaderboard.
/// </summary>
/// <param name="tokenizer">The tokenizer items are cut with.</param>
/// <param name="outputFolder">Holds <c>catalogue/</c>, <c>dataset/</c> and <c>report/</c>.</param>
/// <param name="results">The results store the demo's runs go to (and the leaderboard reads).</param>
/// <param name="log">Progress lines, one per step.</param>
/// <param name="pricers">The pricer kinds (default: the workbook's, <see cref="WorkbookPricers.Create"/>).</param>
public sealed class DemoProgression(ITextTokenizer tokenizer, string outputFolder, ResultsStore results, TextWriter log, PricerRegistry? pricers = null)
{
    /// <summary>The course's test size; the demo tests on as many items as the course does.</summary>
    public const int TestItems = 250;

    /// <summary>The pricers the demo evaluates, by registry name.</summary>
    public static readonly IReadOnlyList<string> Pricers = ["random", "constant", "features-lr", "bow-lr"];

    private readonly List<string> _files = [];

    private string ReportFolder => Path.Combine(outputFolder, "report");

    /// <summary>Runs every step; the report folder holds the charts (HTML and PNG) when it returns.</summary>
    public async Task<DemoReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var data = DataSource.Demo(Path.Combine(outputFolder, "catalogue"));
        log.WriteLine($"Data: {data.Description}");

        var curation = data.Curate(tokenizer, [.. data.Categories]);
        log.WriteLine($"Curated with {tokenizer.Name}: {curation.Summary}");
        var items = curation.Items;
        Save(DataCharts.TokenHistogram(items.Select(i => i.TokenCount ?? 0), "skyblue"), "01-token-counts");
        Save(DataCharts.PriceHistogram(items.Select(i => i.Price), "blueviolet"), "02-prices");
        Save(DataCharts.CategoryBars(DatasetSummary.Of(items).CategoryCounts), "03-categories");

        var sample = BalancedSampler.Sample(items);
        var split = DatasetSplitter.ShuffleAndSplit(sample.Items, sample.Items.Count - DemoTestSize(sample.Items.Count), DemoTestSize(sample.Items.Count));
        var (trainPath, testPath) = split.Save(Path.Combine(outputFolder, "dataset"));
        log.WriteLine($"Balanced sample: {sample.Items.Count:N0} items → train {split.Train.Count:N0} ({trainPath}), test {split.Test.Count:N0} ({testPath})");
        Save(DataCharts.CategoryDonut(DatasetSummary.Of(sample.Items).CategoryCounts), "04-sample-categories");

        var runs = new List<RunRecord>();
        var registry = pricers ?? WorkbookPricers.Create();
        foreach (var spec in Pricers)
        {
            var request = new EvaluationRequest(spec, Name: $"demo-{spec}", Title: $"{CourseFormat.TitleFromName(spec)} (synthetic demo)",
                Size: TestItems, TestFile: testPath, TrainFile: trainPath);
            var run = await PricerEvaluation.RunAsync(registry, request, split.Train, split.Test, cancellationToken: cancellationToken);
            results.Save(run);
            runs.Add(run);
            var report = run.ToReport();
            log.WriteLine(ReportText.Summary(report));
            Save(report.ScatterChart(), $"05-{spec}-scatter");
            Save(report.TrendChart(), $"06-{spec}-trend");
        }

        var stored = results.LoadAll();
        Save(Leaderboard.Chart(stored.Runs, CourseReference.Load()), "07-leaderboard", note: false);
        log.WriteLine($"Report: {ReportFolder}");
        return new DemoReport(ReportFolder, _files, curation.Summary, split, runs);
    }

    // Everything but the leaderboard (which also holds the course's real figures) is drawn from synthetic data.
    private void Save(GenericChart chart, string name, bool note = true)
    {
        if (note) chart = chart.WithNote(Data.Demo.DemoCatalogue.SyntheticLabel);
        var files = ChartExport.SaveAll(chart, ReportFolder, name);
        _files.Add(files.HtmlPath);
        _files.Add(files.PngPath);
    }

    // The course holds out 2,000 of 400,000; the demo holds out an eighth, at least the 250 it tests on.
    private static int DemoTestSize(int sampleSize) => Math.Max(TestItems, sampleSize / 8);
}
