using System.Text.Json;
using Plotly.NET;

namespace PricerLib.Tests.Charts;

/// <summary>A chart's plotly.js figure (data + layout) as Plotly.NET serialises it, for assertions.</summary>
internal sealed class ChartJson
{
    public ChartJson(GenericChart chart) =>
        Root = JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    public JsonElement Root { get; }

    public JsonElement Layout => Root.GetProperty("layout");

    public int TraceCount => Root.GetProperty("data").GetArrayLength();

    public JsonElement Trace(int index) => Root.GetProperty("data")[index];

    public string Title => Layout.GetProperty("title").GetProperty("text").GetString()!;

    public string AxisTitle(string axis) => Layout.GetProperty(axis).GetProperty("title").GetProperty("text").GetString()!;

    public double[] AxisRange(string axis) => Doubles(Layout.GetProperty(axis).GetProperty("range"));

    public static double[] Doubles(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static double?[] NullableDoubles(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (double?)null : e.GetDouble()).ToArray();

    public static string[] Strings(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
