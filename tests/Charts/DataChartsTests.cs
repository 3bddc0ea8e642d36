using PricerLib.Charts;

namespace PricerLib.Tests.Charts;

public class DataChartsTests
{
    [Theory]
    [InlineData(new[] { 21095.62, 100.0, 1.5, 3.25 }, "Prices: Avg 5,300.09 and highest 21,095.62")]
    [InlineData(new[] { 60.5, 1.0, 120.0 }, "Prices: Avg 60.50 and highest 120.0")]
    [InlineData(new[] { 999.0, 0.99, 10.0, 50.25 }, "Prices: Avg 265.06 and highest 999.0")]
    public void Price_histogram_is_titled_like_the_course_f_string(double[] prices, string expected) =>
        Assert.Equal(expected, new ChartJson(DataCharts.PriceHistogram(prices)).Title);

    [Fact]
    public void Price_histogram_can_print_the_average_with_one_decimal_like_day_two() =>
        Assert.Equal("Prices: Avg 60.5 and highest 120.0",
            new ChartJson(DataCharts.PriceHistogram([60.5, 1.0, 120.0], "blueviolet", meanDecimals: 1)).Title);

    [Fact]
    public void Price_histogram_has_ten_dollar_bins_up_to_the_maximum_in_the_given_colour()
    {
        var json = new ChartJson(DataCharts.PriceHistogram([5, 50, 250], "purple", maxPrice: 300));
        var trace = json.Trace(0);
        Assert.Equal("histogram", trace.GetProperty("type").GetString());
        Assert.Equal([5, 50, 250], ChartJson.Doubles(trace.GetProperty("x")));
        Assert.Equal("purple", trace.GetProperty("marker").GetProperty("color").GetString());
        var bins = trace.GetProperty("xbins");
        Assert.Equal(0, bins.GetProperty("start").GetDouble());
        Assert.Equal(300, bins.GetProperty("end").GetDouble());
        Assert.Equal(10, bins.GetProperty("size").GetDouble());
        Assert.Equal([0, 300], json.AxisRange("xaxis"));
        Assert.Equal(0.3, json.Layout.GetProperty("bargap").GetDouble()); // matplotlib's rwidth=0.7
        Assert.Equal("Price ($)", json.AxisTitle("xaxis"));
        Assert.Equal("Count", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void Token_and_length_histograms_use_the_course_titles_bins_and_colours()
    {
        var tokens = new ChartJson(DataCharts.TokenHistogram([150, 160, 155, 151, 1200]));
        Assert.Equal("Token counts: Avg 363.2 and highest 1,200", tokens.Title);
        Assert.Equal("green", tokens.Trace(0).GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(300, tokens.Trace(0).GetProperty("xbins").GetProperty("end").GetDouble());
        Assert.Equal("Length (tokens)", tokens.AxisTitle("xaxis"));

        var lengths = new ChartJson(DataCharts.LengthHistogram([300, 1500, 5999, 2040]));
        Assert.Equal("Lengths: Avg 2,460 and highest 5,999", lengths.Title);
        Assert.Equal("lightblue", lengths.Trace(0).GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(100, lengths.Trace(0).GetProperty("xbins").GetProperty("size").GetDouble());
        Assert.Equal(6000, lengths.Trace(0).GetProperty("xbins").GetProperty("end").GetDouble());
    }

    [Fact]
    public void Generic_histogram_takes_any_bins_and_rejects_impossible_ones()
    {
        var json = new ChartJson(DataCharts.Histogram([1, 2, 3], "T", "X", "Y", "skyblue", 0, 6, 0.5));
        Assert.Equal("T", json.Title);
        Assert.Equal(0.5, json.Trace(0).GetProperty("xbins").GetProperty("size").GetDouble());
        Assert.Throws<ArgumentException>(() => DataCharts.Histogram([1], "T", "X", "Y", "red", 10, 0, 1));
        Assert.Throws<ArgumentException>(() => DataCharts.Histogram([1], "T", "X", "Y", "red", 0, 10, 0));
    }

    [Fact]
    public void Titled_histograms_reject_empty_or_non_finite_input_clearly()
    {
        var empty = Assert.Throws<ArgumentException>(() => DataCharts.PriceHistogram([]));
        Assert.Contains("No prices", empty.Message);
        var nan = Assert.Throws<ArgumentException>(() => DataCharts.PriceHistogram([1, double.NaN]));
        Assert.Contains("prices[1]", nan.Message);
        Assert.Throws<ArgumentException>(() => DataCharts.TokenHistogram([]));
    }

    [Fact]
    public void Category_bars_keep_the_given_order_label_counts_and_tilt_the_names()
    {
        var counts = new Dictionary<string, int> { ["Automotive"] = 911688, ["Appliances"] = 28625, ["Electronics"] = 443473 };
        var json = new ChartJson(DataCharts.CategoryBars(counts));
        var bars = json.Trace(0);
        Assert.Equal("bar", bars.GetProperty("type").GetString());
        Assert.Equal(["Automotive", "Appliances", "Electronics"], ChartJson.Strings(bars.GetProperty("x")));
        Assert.Equal([911688, 28625, 443473], ChartJson.Doubles(bars.GetProperty("y")));
        Assert.Equal(["911,688", "28,625", "443,473"], ChartJson.Strings(bars.GetProperty("text")));
        Assert.Equal("outside", bars.GetProperty("textposition").GetString());
        Assert.Equal("goldenrod", bars.GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(-30, json.Layout.GetProperty("xaxis").GetProperty("tickangle").GetDouble());
        Assert.Equal("How many in each category", json.Title);
    }

    [Fact]
    public void Category_donut_shows_whole_percentages_around_a_hole_in_the_given_order()
    {
        var counts = new Dictionary<string, int> { ["Toys_and_Games"] = 3, ["Appliances"] = 1 };
        var json = new ChartJson(DataCharts.CategoryDonut(counts));
        var pie = json.Trace(0);
        Assert.Equal("pie", pie.GetProperty("type").GetString());
        Assert.Equal(["Toys_and_Games", "Appliances"], ChartJson.Strings(pie.GetProperty("labels")));
        Assert.Equal([3, 1], ChartJson.Doubles(pie.GetProperty("values")));
        Assert.False(pie.GetProperty("sort").GetBoolean());
        Assert.True(pie.GetProperty("hole").GetDouble() > 0);
        Assert.Contains("%{percent:.0%}", pie.GetProperty("texttemplate").GetString());
        Assert.Equal("Categories", json.Title);
    }

    [Fact]
    public void Length_vs_price_is_a_scatter_of_tiny_red_dots_and_needs_pairs()
    {
        var json = new ChartJson(DataCharts.LengthVsPrice([300, 400], [10.5, 99]));
        var points = json.Trace(0);
        Assert.Equal("scatter", points.GetProperty("type").GetString());
        Assert.Equal("markers", points.GetProperty("mode").GetString());
        Assert.Equal([300, 400], ChartJson.Doubles(points.GetProperty("x")));
        Assert.Equal([10.5, 99], ChartJson.Doubles(points.GetProperty("y")));
        Assert.Equal("red", points.GetProperty("marker").GetProperty("color").GetString());
        Assert.True(points.GetProperty("marker").GetProperty("size").GetDouble() <= 3);
        Assert.Equal("Is there a simple correlation?", json.Title);

        var mismatch = Assert.Throws<ArgumentException>(() => DataCharts.LengthVsPrice([1, 2], [1]));
        Assert.Contains("pair up", mismatch.Message);
    }
}
