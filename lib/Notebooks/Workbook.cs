using Plotly.NET;
using PricerLib.Charts;
using PricerLib.Classical2025;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.Pricers;
using PricerLib.Tokenization;

namespace PricerLib.Notebooks;

/// <summary>
/// The notebooks' shared settings and helpers, resolved once from <see cref="WorkbookSettings.Current"/> so that no
/// notebook repeats them: the data (<c>PRICER_DATA</c>, else the synthetic demo catalogue), the tokenizer
/// (<c>PRICER_TOKENIZER</c>, else the one <c>pricer download-tokenizer</c> fetched, else cl100k_base with a warning),
/// the report folder (<c>PRICER_REPORT</c>, else <c>out/report</c>), the results store (<c>PRICER_RESULTS</c>, else
/// <c>results/</c>) and the pricers.
/// </summary>
public static class Workbook
{
    private static readonly Lazy<DataSource> DataValue = new(() => DataSource.From(Settings));
    private static readonly Lazy<ITextTokenizer> TokenizerValue = new(() => TokenizerSource.Load(null, Console.Out, Settings));
    private static readonly Lazy<PricerRegistry> PricersValue = new(() => WorkbookPricers.Create(Settings));

    /// <summary>The paths every notebook uses.</summary>
    public static WorkbookSettings Settings => WorkbookSettings.Current;

    /// <summary>The course edition the notebooks follow (<c>PRICER_EDITION</c>; default 2024).</summary>
    public static CourseEdition Edition => Settings.Edition;

    /// <summary>Where the raw metadata comes from.</summary>
    public static DataSource Data => DataValue.Value;

    /// <summary>The tokenizer the course's items are cut with.</summary>
    public static ITextTokenizer Tokenizer => TokenizerValue.Value;

    /// <summary>Every pricer kind, as <c>pricer evaluate</c> knows them.</summary>
    public static PricerRegistry Pricers => PricersValue.Value;

    /// <summary>Where <see cref="Show"/> exports charts.</summary>
    public static string ReportFolder => Settings.ReportFolder;

    /// <summary>The results store every evaluation is saved to.</summary>
    public static ResultsStore Results => new(Settings.Results);

    /// <summary>
    /// Evaluates a pricer the way <c>pricer evaluate</c> does — creates it (training it on <paramref name="train"/>
    /// where its kind trains), runs the Tester, disposes it — and stores the run. Notebook C# cannot <c>await using</c>
    /// at top level, so this is how a notebook evaluates without leaking a model.
    /// </summary>
    /// <param name="spec">The pricer spec, e.g. <c>constant</c>.</param>
    /// <param name="train">Training items, for kinds that train.</param>
    /// <param name="test">Test items; the first <paramref name="size"/> are tested.</param>
    /// <param name="name">The run's name in the store; default: the spec and the options that change the guesses.</param>
    /// <param name="title">The run's title; default: the pricer's name in words.</param>
    /// <param name="size">Items to test; default: the edition's Tester (250 in 2024, 200 in 2025).</param>
    /// <param name="options">The kind's options, e.g. <c>new() { ["method"] = "greedy" }</c>.</param>
    public static async Task<RunRecord> EvaluateAsync(string spec, IReadOnlyList<Item>? train, IReadOnlyList<Item> test,
        string? name = null, string? title = null, int? size = null, IReadOnlyDictionary<string, string?>? options = null)
    {
        var request = new EvaluationRequest(spec, name, title, size ?? Edition.TestSize()) { Options = options, Edition = Edition };
        var run = await PricerEvaluation.RunAsync(Pricers, request, train, test);
        Results.Save(run);
        return run;
    }

    /// <summary>
    /// <paramref name="items"/> as the chosen edition reads them. In 2025, where <see cref="WorkbookSettings.FrontierUrl"/>
    /// names an endpoint, items without a summary first get one from the course's preprocessor there
    /// (<see cref="ItemSummarizer"/>, as <c>pricer summarize</c> runs it; answers cached, so a re-run sends nothing),
    /// their 2024 text standing in for the full text it reads; the rest — no endpoint, or a reply refused or empty —
    /// get stand-in summaries (<see cref="EditionGuide.ForEdition(IEnumerable{Item}, CourseEdition)"/>). What the
    /// preprocessor did is written to <paramref name="log"/> (default the console).
    /// </summary>
    /// <exception cref="FrontierException">The endpoint is not a local one and the cost gate refused the run (nothing was sent).</exception>
    public static async Task<IReadOnlyList<Item>> ForEditionAsync(IReadOnlyList<Item> items, TextWriter? log = null)
    {
        if (Edition != CourseEdition.Course2025 || Settings.FrontierUrl is not { } url) return EditionGuide.ForEdition(items, Edition);
        var provider = FrontierProvider.Resolve(null, url, null);
        var options = SummaryPrompt.Options(new ResponseCache(Path.Combine(Settings.Cache, FrontierPricers.CacheFolderName))) with
        {
            ConfirmAboveUsd = provider.IsLocal ? null : 1, // a server on this machine costs nothing
        };
        var backend = new OpenAiChatBackend(new OpenAiConnection(provider.BaseUrl, provider.ReadKey()));
        var outcome = await new ItemSummarizer(backend, options: options)
            .SummarizeAsync([.. items.Select(i => i with { Full = i.Full ?? ItemText2025.Of(i) })]).ConfigureAwait(false);
        (log ?? Console.Out).WriteLine($"Summaries by {SummaryPrompt.DefaultModel} at {url}: {outcome.Written:N0} written, " +
            $"{outcome.FromCache:N0} from the cache, {outcome.Kept:N0} kept, {outcome.Skipped.Count:N0} left to stand-ins" +
            (outcome.Skipped.Count > 0 ? $" (first: {outcome.Skipped[0].Reason})" : ""));
        return EditionGuide.ForEdition(outcome.Items, Edition);
    }

    /// <summary>
    /// Labels the chart as synthetic when the data is, saves it as offline HTML and PNG in <see cref="ReportFolder"/>
    /// under <paramref name="name"/>, and returns it for the notebook to display inline.
    /// </summary>
    public static GenericChart Show(GenericChart chart, string name)
    {
        if (Data.ChartNote is { } note) chart = chart.WithNote(note);
        ChartExport.SaveAll(chart, ReportFolder, name);
        return chart;
    }
}
