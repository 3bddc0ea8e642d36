using Plotly.NET;

namespace PricerLib.Charts;

/// <summary>Small labels on charts, e.g. that the data behind them is synthetic.</summary>
public static class ChartNotes
{
    /// <summary>Adds a grey note in the chart's top-right corner, above the plot area.</summary>
    public static GenericChart WithNote(this GenericChart chart, string note)
    {
        var annotation = new Plotly.NET.LayoutObjects.Annotation();
        foreach (var (name, value) in new (string, object)[]
                 {
                     ("text", note), ("xref", "paper"), ("yref", "paper"), ("x", 1.0), ("y", 1.0),
                     ("xanchor", "right"), ("yanchor", "bottom"), ("showarrow", false), ("font", Font(12, "grey")),
                 })
            annotation.SetProperty(name, value);
        var layout = GenericChart.getLayout(chart);
        var existing = layout.TryGetPropertyValue("annotations") is { } found && found.Value is IEnumerable<Plotly.NET.LayoutObjects.Annotation> list
            ? list : [];
        layout.SetProperty("annotations", existing.Append(annotation).ToArray());
        return GenericChart.setLayout(layout, chart);
    }

    private static Plotly.NET.Font Font(int size, string color)
    {
        var font = new Plotly.NET.Font();
        font.SetProperty("size", size);
        font.SetProperty("color", color);
        return font;
    }
}
