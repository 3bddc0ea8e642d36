using PricerLib.Text;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.TraceObjects;

namespace PricerLib.Charts;

/// <summary>
/// Small helpers over Plotly.NET for what its C# layer does not expose (title, raw layout and trace attributes).
/// Plotly.NET's F# functions take F#-only optional arguments that C# cannot name, so plotly.js attributes are set
/// on its dynamic objects by their plotly.js names instead.
/// </summary>
internal static class ChartStyle
{
    /// <summary>Title, axis titles and size: what every chart of the workbook sets.</summary>
    public static GenericChart Framed(this GenericChart chart, string title, string? xLabel, string? yLabel, int width, int height)
    {
        chart = Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
        if (xLabel is not null) chart = chart.WithXAxisStyle<double, double, string>(TitleText: xLabel);
        if (yLabel is not null) chart = chart.WithYAxisStyle<double, double, string>(TitleText: yLabel);
        return chart.WithSize(width, height);
    }

    /// <summary>Sets top-level layout attributes (plotly.js names), e.g. ("bargap", 0.3).</summary>
    public static GenericChart WithLayoutValues(this GenericChart chart, params (string Name, object Value)[] values)
    {
        var layout = GenericChart.getLayout(chart);
        foreach (var (name, value) in values) layout.SetProperty(name, value);
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Sets attributes of an axis object (e.g. "xaxis", "yaxis") of the layout, creating it if absent.</summary>
    public static GenericChart WithAxisValues(this GenericChart chart, string axis, params (string Name, object Value)[] values)
    {
        var layout = GenericChart.getLayout(chart);
        var axisObject = layout.TryGetPropertyValue(axis) is { } existing && existing.Value is DynamicObj.DynamicObj found
            ? found
            : new Plotly.NET.LayoutObjects.LinearAxis();
        foreach (var (name, value) in values) axisObject.SetProperty(name, value);
        layout.SetProperty(axis, axisObject);
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Sets attributes (plotly.js names) on every trace of the chart; used on one series before combining.</summary>
    public static GenericChart WithTraceValues(this GenericChart chart, params (string Name, object Value)[] values)
    {
        foreach (var trace in GenericChart.getTraces(chart))
            foreach (var (name, value) in values) trace.SetProperty(name, value);
        return chart;
    }

    /// <summary>A marker of the given pixel size.</summary>
    public static Marker MarkerOfSize(double size)
    {
        var marker = new Marker();
        marker.SetProperty("size", size);
        return marker;
    }

    /// <summary>Plotly colour from a CSS colour name or rgba() string.</summary>
    public static Color Css(string color) => Color.fromString(color);

    /// <summary>Money the way the course prints it: "$1,234.56".</summary>
    public static string Dollars(double value) => "$" + PythonFormat.Grouped(value, 2);

    /// <summary>Materialises a sequence and rejects NaN/∞ with a message naming the argument.</summary>
    public static double[] FiniteValues(IEnumerable<double> values, string argument)
    {
        ArgumentNullException.ThrowIfNull(values, argument);
        var array = values.ToArray();
        int bad = Array.FindIndex(array, v => !double.IsFinite(v));
        if (bad >= 0) throw new ArgumentException($"{argument}[{bad}] is {array[bad]}; charts need finite numbers.", argument);
        return array;
    }

    /// <summary>Throws a clear error when a chart has nothing to draw.</summary>
    public static void RequireAny<T>(IReadOnlyCollection<T> values, string argument, string what)
    {
        if (values.Count == 0) throw new ArgumentException($"No {what} to plot: {argument} is empty.", argument);
    }
}
