using PricerLib.Text;
using Plotly.NET;
using Plotly.NET.TraceObjects;
using Chart = Plotly.NET.CSharp.Chart;

namespace PricerLib.Charts;

/// <summary>
/// The data-curation charts of the course (week 6, days 1–2): histograms of lengths, prices and token counts,
/// the category bar chart and donut, and the length-vs-price scatter. Inputs are plain numbers and strings so
/// notebooks and the CLI can pass item fields directly.
/// </summary>
public static class DataCharts
{
    private const int Width = 1000;
    private const int Height = 500;
    /// <summary>matplotlib's <c>rwidth=0.7</c>: bars fill 70% of their bin.</summary>
    private const double BarGap = 0.3;

    /// <summary>A histogram with fixed bins from <paramref name="binStart"/> to <paramref name="binEnd"/>, like the
    /// course's <c>plt.hist(values, rwidth=0.7, color=..., bins=range(start, end, size))</c>.</summary>
    public static GenericChart Histogram(IEnumerable<double> values, string title, string xLabel, string yLabel,
        string color, double binStart, double binEnd, double binSize)
    {
        var data = ChartStyle.FiniteValues(values, nameof(values));
        if (!(binSize > 0) || !(binEnd > binStart))
            throw new ArgumentException($"Bins need binStart < binEnd and binSize > 0 (got {binStart}, {binEnd}, {binSize}).");

        return Chart.Histogram<double, double, string>(
                X: data,
                MarkerColor: ChartStyle.Css(color),
                XBins: Bins.init(Start: binStart, End: binEnd, Size: binSize),
                ShowLegend: false)
            .Framed(title, xLabel, yLabel, Width, Height)
            .WithLayoutValues(("bargap", BarGap))
            .WithAxisValues("xaxis", ("range", new[] { binStart, binEnd }));
    }

    /// <summary>The course's price histogram, titled "Prices: Avg 60.50 and highest 999.0" (f-string
    /// <c>f"Prices: Avg {mean:,.2f} and highest {max:,}"</c>), bins of $10 from 0 to <paramref name="maxPrice"/>.
    /// Course colours: orange (day 1 all items), purple (0–300), blueviolet and darkblue (day 2).</summary>
    /// <param name="prices">Item prices in dollars.</param>
    /// <param name="color">CSS colour of the bars.</param>
    /// <param name="maxPrice">Right end of the bins and the axis.</param>
    /// <param name="meanDecimals">Decimals of the average in the title: 2 as on day 1, 1 for day 2's "Avg 60.5".</param>
    public static GenericChart PriceHistogram(IEnumerable<double> prices, string color = "orange", double maxPrice = 1000, int meanDecimals = 2)
    {
        var data = ChartStyle.FiniteValues(prices, nameof(prices));
        ChartStyle.RequireAny(data, nameof(prices), "prices");
        var title = $"Prices: Avg {PythonFormat.Grouped(data.Average(), meanDecimals)} and highest {PythonFormat.GroupedRepr(data.Max())}";
        return Histogram(data, title, "Price ($)", "Count", color, 0, maxPrice, 10);
    }

    /// <summary>The course's token-count histogram, titled like
    /// <c>f"Token counts: Avg {mean:,.1f} and highest {max:,}"</c>, bins of 10 from 0 to 300.
    /// Course colours: green (day 1), skyblue (day 2).</summary>
    public static GenericChart TokenHistogram(IEnumerable<int> counts, string color = "green")
    {
        var data = counts?.ToArray() ?? throw new ArgumentNullException(nameof(counts));
        ChartStyle.RequireAny(data, nameof(counts), "token counts");
        var title = $"Token counts: Avg {PythonFormat.Grouped(data.Average(), 1)} and highest {PythonFormat.Grouped(data.Max())}";
        return Histogram(data.Select(c => (double)c), title, "Length (tokens)", "Count", color, 0, 300, 10);
    }

    /// <summary>The course's content-length histogram, titled like
    /// <c>f"Lengths: Avg {mean:,.0f} and highest {max:,}"</c>, bins of 100 characters from 0 to 6000.</summary>
    public static GenericChart LengthHistogram(IEnumerable<int> lengths, string color = "lightblue")
    {
        var data = lengths?.ToArray() ?? throw new ArgumentNullException(nameof(lengths));
        ChartStyle.RequireAny(data, nameof(lengths), "lengths");
        var title = $"Lengths: Avg {PythonFormat.Grouped(data.Average(), 0)} and highest {PythonFormat.Grouped(data.Max())}";
        return Histogram(data.Select(c => (double)c), title, "Length (chars)", "Count", color, 0, 6000, 100);
    }

    /// <summary>One bar per category in the dictionary's order, the count written on each bar ("1,234") and
    /// labels tilted 30° like the course's <c>plt.xticks(rotation=30, ha='right')</c>.</summary>
    public static GenericChart CategoryBars(IReadOnlyDictionary<string, int> counts, string color = "goldenrod",
        string title = "How many in each category")
    {
        ArgumentNullException.ThrowIfNull(counts);
        ChartStyle.RequireAny(counts.Keys.ToArray(), nameof(counts), "categories");
        var values = counts.Values.ToArray();
        return Chart.Column<int, string, string>(
                values,
                Keys: counts.Keys.ToArray(),
                MarkerColor: ChartStyle.Css(color),
                MultiText: values.Select(v => PythonFormat.Grouped(v)).ToArray(),
                TextPosition: StyleParam.TextPosition.Outside,
                ShowLegend: false)
            .Framed(title, "Categories", "Count", Width, Height)
            .WithAxisValues("xaxis", ("tickangle", -30));
    }

    /// <summary>A donut of the category shares labelled with name and whole percent (the course's
    /// <c>autopct='%1.0f%%'</c> pie with a white centre circle), slices in the dictionary's order.</summary>
    public static GenericChart CategoryDonut(IReadOnlyDictionary<string, int> counts, string title = "Categories")
    {
        ArgumentNullException.ThrowIfNull(counts);
        ChartStyle.RequireAny(counts.Keys.ToArray(), nameof(counts), "categories");
        return Chart.Pie<int, string, string>(
                counts.Values.ToArray(),
                Labels: counts.Keys.ToArray(),
                Hole: 0.5,
                Sort: false)
            .WithTraceValues(
                ("texttemplate", "%{label}<br>%{percent:.0%}"),
                ("textposition", "outside"),
                ("hovertemplate", "%{label}: %{value:,} (%{percent:.1%})<extra></extra>"))
            .Framed(title, null, null, 800, 650)
            .WithLayoutValues(("showlegend", false));
    }

    /// <summary>The course's "Is there a simple correlation?" scatter: prompt length against price, tiny red dots.
    /// Every point becomes an SVG node, so pass a sample (a few thousand items) rather than 400,000.</summary>
    public static GenericChart LengthVsPrice(IEnumerable<double> lengths, IEnumerable<double> prices)
    {
        var x = ChartStyle.FiniteValues(lengths, nameof(lengths));
        var y = ChartStyle.FiniteValues(prices, nameof(prices));
        if (x.Length != y.Length)
            throw new ArgumentException($"lengths has {x.Length} values but prices has {y.Length}; they must pair up.");
        return Chart.Point<double, double, string>(x, y,
                MarkerColor: ChartStyle.Css("red"),
                Marker: ChartStyle.MarkerOfSize(2),
                ShowLegend: false)
            .Framed("Is there a simple correlation?", "Size", "Price", Width, Height);
    }
}
