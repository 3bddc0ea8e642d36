using Giraffe.ViewEngine;
using Microsoft.FSharp.Collections;
using Plotly.NET;

using PricerLib.Data;

namespace PricerLib.Charts;

/// <summary>The two files <see cref="ChartExport.SaveAll"/> writes for one chart.</summary>
public sealed record ChartFiles(string HtmlPath, string PngPath);

/// <summary>Saves charts for reports: self-contained offline HTML, and PNG through headless Chromium.</summary>
/// <remarks>Exports work on a copy: the chart itself keeps loading plotly.js from the CDN when shown inline in a
/// notebook (Plotly.NET's <c>withDisplayOptions</c> would change it in place, so it is not used).</remarks>
public static class ChartExport
{
    /// <summary>The page around a PNG: no margins or scrollbars, so the chart fills the browser window exactly.</summary>
    private const string ScreenshotPageStyle = "<style>html,body{margin:0;padding:0;overflow:hidden;background:white}</style>";

    /// <summary>A complete HTML document of the chart with plotly.js inlined (~3.6 MB), so it renders offline.</summary>
    public static string ToOfflineHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.toEmbeddedHTML(OfflineCopy(chart));
    }

    /// <summary>Writes an HTML file with plotly.js inlined, so it renders offline.</summary>
    /// <remarks>The folder is created if needed; the file appears complete or not at all (temp file, then move).</remarks>
    public static void SaveHtml(GenericChart chart, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var html = ToOfflineHtml(chart);
        AtomicFile.WriteVia(path, temp => File.WriteAllText(temp, html));
    }

    /// <summary>Renders the chart to a PNG with headless Chromium.</summary>
    /// <remarks>The chart is laid out at exactly <paramref name="width"/>×<paramref name="height"/> pixels, without
    /// plotly's toolbar. Chromium comes from <c>PRICER_CHROMIUM</c> or PATH (see <see cref="ChromiumRenderer"/>).</remarks>
    /// <exception cref="FileNotFoundException">Chromium is not installed.</exception>
    /// <exception cref="TimeoutException">Chromium hung.</exception>
    /// <exception cref="InvalidOperationException">Chromium failed; the message quotes its stderr.</exception>
    public static void SavePng(GenericChart chart, string path, int width = 1000, int height = 600) =>
        SavePng(chart, path, width, height, ChromiumRenderer.From(WorkbookSettings.Current));

    /// <summary>Renders the chart to a PNG with the given Chromium.</summary>
    public static void SavePng(GenericChart chart, string path, int width, int height, ChromiumRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        var page = Path.Combine(Path.GetTempPath(), $"pricer-chart-{Guid.NewGuid():N}.html");
        try
        {
            File.WriteAllText(page, GenericChart.toEmbeddedHTML(ScreenshotCopy(chart, width, height)));
            AtomicFile.WriteVia(path, temp => renderer.Screenshot(page, temp, width, height));
        }
        finally
        {
            File.Delete(page);
        }
    }

    /// <summary>Writes <c>name.html</c> and <c>name.png</c> into <paramref name="folder"/> (created if needed).</summary>
    /// <param name="chart">The chart to save.</param>
    /// <param name="folder">Where both files go.</param>
    /// <param name="name">A plain file name without extension, e.g. "prices".</param>
    /// <param name="width">PNG width in pixels; by default the chart's own layout width (else 1000).</param>
    /// <param name="height">PNG height in pixels; by default the chart's own layout height (else 600), so a tall
    /// leaderboard stays tall.</param>
    public static ChartFiles SaveAll(GenericChart chart, string folder, string name, int? width = null, int? height = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (string.IsNullOrWhiteSpace(name) || name != Path.GetFileName(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"'{name}' is not a plain file name; give the chart's name without folders.", nameof(name));

        var files = new ChartFiles(Path.Combine(folder, name + ".html"), Path.Combine(folder, name + ".png"));
        SaveHtml(chart, files.HtmlPath);
        SavePng(chart, files.PngPath, width ?? LayoutSize(chart, "width") ?? 1000, height ?? LayoutSize(chart, "height") ?? 600);
        return files;
    }

    /// <summary>The chart's layout width or height in pixels, when it sets one.</summary>
    private static int? LayoutSize(GenericChart chart, string dimension) =>
        GenericChart.getLayout(chart).TryGetPropertyValue(dimension) is { } value && value.Value is IConvertible number
            ? Convert.ToInt32(number, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>A copy of the chart whose HTML carries plotly.js inline.</summary>
    private static GenericChart OfflineCopy(GenericChart chart)
    {
        var display = Copy(GenericChart.getDisplayOptions(chart), new DisplayOptions());
        display = DisplayOptions.setPlotlyReference(PlotlyJSReference.Full).Invoke(display);
        return GenericChart.setDisplayOptions(display, chart);
    }

    /// <summary>An offline copy sized to the screenshot, as a static picture on a margin-less page.</summary>
    private static GenericChart ScreenshotCopy(GenericChart chart, int width, int height)
    {
        var layout = Copy(GenericChart.getLayout(chart), new Layout());
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        var config = Copy(GenericChart.getConfig(chart), new Config());
        config.SetProperty("staticPlot", true);
        config.SetProperty("displayModeBar", false);

        var copy = OfflineCopy(GenericChart.setConfig(config, GenericChart.setLayout(layout, chart)));
        var display = DisplayOptions.addAdditionalHeadTags(ListModule.OfSeq([HtmlElements.rawText(ScreenshotPageStyle)]))
            .Invoke(GenericChart.getDisplayOptions(copy));
        return GenericChart.setDisplayOptions(display, copy);
    }

    private static T Copy<T>(T source, T target) where T : DynamicObj.DynamicObj
    {
        source.DeepCopyPropertiesTo(target, null, null);
        return target;
    }
}
