using Plotly.NET;

namespace PricerLib.Charts;

/// <summary>Saves charts for reports: self-contained offline HTML, and PNG through headless Chromium.</summary>
public static class ChartExport
{
    /// <summary>Writes an HTML file with plotly.js inlined, so it renders offline.</summary>
    public static void SaveHtml(GenericChart chart, string path) => throw new NotImplementedException();

    /// <summary>Renders the chart to a PNG with headless Chromium.</summary>
    public static void SavePng(GenericChart chart, string path, int width = 1000, int height = 600) => throw new NotImplementedException();
}
