using System.Net;
using Plotly.NET;
using PricerLib.Charts;
using PricerLib.Retrieval;
using Chart = Plotly.NET.CSharp.Chart;

namespace PricerLib.Agents;

/// <summary>
/// The course's app chart (<c>price_is_right_final.py</c>): the vector store's first rows projected to 3D and coloured
/// by category, beside the deals. The projection is week 8's PCA (<see cref="VectorMaps.PrincipalComponents"/>); the
/// course projects with t-SNE.
/// </summary>
public static class VectorStoreMap
{
    /// <summary>Rows drawn at most: enough to see the categories, few enough to turn smoothly in a browser.</summary>
    public const int DefaultPoints = 2_000;

    /// <summary>The 3D map of the first <paramref name="maxPoints"/> rows of <paramref name="store"/>, one trace per category.</summary>
    /// <exception cref="ArgumentException">The store holds fewer than two rows: there is nothing to project.</exception>
    public static GenericChart Of(VectorStore store, int maxPoints = DefaultPoints)
    {
        int count = Math.Min(maxPoints, store.Count);
        var points = VectorMaps.PrincipalComponents(Enumerable.Range(0, count).Select(r => store.Vector(r).ToArray()).ToList(), 3);
        var traces = Enumerable.Range(0, count).GroupBy(r => store.Rows[r].Category ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(group => Chart.Point3D<double, double, double, string>(
                group.Select(r => points[r][0]), group.Select(r => points[r][1]), group.Select(r => points[r][2]),
                Name: group.Key,
                MultiText: group.Select(r => store.Rows[r].Title).ToArray(),
                Marker: ChartStyle.MarkerOfSize(2),
                Opacity: 0.7));
        return Chart.Combine(traces).Framed($"The vector store by category ({count:N0} items, PCA to 3D)", null, null, 1200, 450);
    }

    /// <summary>
    /// The page of the app's map frame: the map of the store in <paramref name="storeFolder"/> with plotly.js inline
    /// (the app works offline), or, when there is no usable store, a page that says why. Either way the log says it.
    /// </summary>
    public static string Page(string? storeFolder, AgentLog log)
    {
        string reason;
        if (storeFolder is null) reason = "No vector store was given: start the app with --store DIR (a store built by `pricer vectors build`) to see its map.";
        else if (!Directory.Exists(storeFolder)) reason = $"No map: the vector store folder {storeFolder} was not found (build one with `pricer vectors build`).";
        else
        {
            try
            {
                var store = VectorStore.Open(storeFolder);
                if (store.Count < 2) throw new VectorStoreException($"the store in {storeFolder} holds {store.Count} row(s); a map needs two or more.");
                var html = ChartExport.ToOfflineHtml(Of(store));
                log.Write("Agent Framework", AgentColour.Blue, $"Drew the map of {Math.Min(store.Count, DefaultPoints):N0} of the store's {store.Count:N0} items.");
                return html;
            }
            catch (Exception e) when (e is VectorStoreException or EmbedderException or IOException)
            {
                reason = $"No map: {e.Message}";
            }
        }
        log.Write("Agent Framework", AgentColour.Blue, reason, isWarning: true);
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>No map</title></head>
            <body style="font-family: system-ui, sans-serif; color: #555"><p id="no-map">{WebUtility.HtmlEncode(reason)}</p></body></html>
            """;
    }
}
