using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Notebooks;

namespace PricerLib.Tests.Editions;

/// <summary>The notebooks' edition helpers: stand-in summaries for 2025 and the table of differences.</summary>
public class EditionGuideTests
{
    private static Item Item2024(string text, double price) => new()
    {
        Title = text.Split('\n')[0],
        Price = price,
        Details = """{"Item Weight": "2 pounds"}""",
        Prompt = $"{Item.Question}\n\n{text}\n\n{Item.Prefix}{Math.Round(price)}.00",
        TokenCount = 42,
    };

    [Fact]
    public void The_2024_edition_keeps_the_items_as_they_are()
    {
        var items = new[] { Item2024("Kettle\nSteel, 1.7 litres", 24.99) };

        Assert.Equal(items, EditionGuide.ForEdition(items, CourseEdition.Course2024));
    }

    [Fact]
    public void In_2025_an_item_without_a_summary_gets_its_2024_text_as_summary_and_the_2025_prompt()
    {
        var item = Item2024("Kettle\nSteel, 1.7 litres", 24.5);

        var made = Assert.Single(EditionGuide.ForEdition([item], CourseEdition.Course2025));

        Assert.Equal("Kettle\nSteel, 1.7 litres", made.Summary);
        // Python's round: 24.5 goes to the even 24.
        Assert.Equal($"{EditionFormat.Question2025}\n\nKettle\nSteel, 1.7 litres\n\nPrice is $24.00", made.Prompt);
        Assert.Null(made.TokenCount); // counted on the 2024 prompt: no longer true
        Assert.Equal((item.Title, item.Price, item.Details), (made.Title, made.Price, made.Details));
        Assert.True(made.HasCourse2025Fields);
    }

    [Fact]
    public void In_2025_an_item_with_a_real_summary_is_kept()
    {
        var real = new Item { Title = "Kettle", Price = 30, Summary = "A steel kettle.", Prompt = CourseEdition.Course2025.MakePrompt("A steel kettle.", 30) };

        Assert.Same(real, Assert.Single(EditionGuide.ForEdition([real], CourseEdition.Course2025)));
    }

    [Theory]
    [InlineData(CourseEdition.Course2024, "2025")]
    [InlineData(CourseEdition.Course2025, "2024")]
    public void The_differences_table_puts_the_chosen_edition_first(CourseEdition chosen, string other)
    {
        var table = EditionGuide.Differences(chosen);

        Assert.Equal(["aspect", $"{chosen.Name()} (chosen)", other], table.Columns.Select(c => c.Name));
        var testItems = table.Rows.Single(r => (string)r[0] == "test items");
        Assert.Equal(chosen.TestSize().ToString(System.Globalization.CultureInfo.InvariantCulture), testItems[1]);
    }

    [Fact]
    public void Only_the_2025_edition_adds_baselines_and_each_is_a_registered_kind()
    {
        Assert.Empty(EditionGuide.EditionOnlyBaselines(CourseEdition.Course2024));
        var kinds = Workbook.Pricers.Registrations.Select(r => r.Kind).ToHashSet();
        Assert.All(EditionGuide.EditionOnlyBaselines(CourseEdition.Course2025), spec => Assert.Contains(spec, kinds));
    }
}
