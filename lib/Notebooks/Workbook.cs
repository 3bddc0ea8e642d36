using Plotly.NET;
using PricerLib.Charts;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Tokenization;

namespace PricerLib.Notebooks;

/// <summary>
/// The notebooks' shared settings, resolved once from the environment so that no notebook repeats them:
/// the data (<c>PRICER_DATA</c>, else the synthetic demo catalogue), the tokenizer (<c>PRICER_TOKENIZER</c>, else the
/// one <c>pricer download-tokenizer</c> fetched, else cl100k_base with a warning), the report folder
/// (<c>PRICER_REPORT</c>, else <c>out/report</c>) and the results store (<c>PRICER_RESULTS</c>, else <c>results/</c>).
/// </summary>
public static class Workbook
{
    private static readonly Lazy<DataSource> DataValue = new(DataSource.FromEnvironment);
    private static readonly Lazy<ITextTokenizer> TokenizerValue = new(() => TokenizerSource.Load(null, Console.Out));

    /// <summary>Where the raw metadata comes from.</summary>
    public static DataSource Data => DataValue.Value;

    /// <summary>The tokenizer the course's items are cut with.</summary>
    public static ITextTokenizer Tokenizer => TokenizerValue.Value;

    /// <summary>Where <see cref="Show"/> exports charts.</summary>
    public static string ReportFolder =>
        Environment.GetEnvironmentVariable(NotebookRunner.ReportFolderVariable) is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(ProjectPaths.Out, "report");

    /// <summary>The results store every evaluation is saved to.</summary>
    public static ResultsStore Results => ResultsStore.Default;

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
