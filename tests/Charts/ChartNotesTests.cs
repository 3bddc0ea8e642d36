using PricerLib.Charts;

namespace PricerLib.Tests.Charts;

public class ChartNotesTests
{
    [Fact]
    public void A_note_is_added_top_right_and_keeps_existing_annotations()
    {
        var chart = DataCharts.PriceHistogram([10, 20, 30]).WithNote("first").WithNote("Synthetic demo data");

        var annotations = new ChartJson(chart).Layout.GetProperty("annotations");

        Assert.Equal(["first", "Synthetic demo data"], annotations.EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        var note = annotations[1];
        Assert.Equal("paper", note.GetProperty("xref").GetString());
        Assert.Equal(1.0, note.GetProperty("x").GetDouble());
        Assert.Equal("right", note.GetProperty("xanchor").GetString());
        Assert.False(note.GetProperty("showarrow").GetBoolean());
    }
}
