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
    public void Each_edition_has_its_own_registered_baselines_and_names_the_other_editions_when_skipping_one()
    {
        var kinds = Workbook.Pricers.Registrations.Select(r => r.Kind).ToHashSet();
        var of2024 = EditionGuide.Baselines(CourseEdition.Course2024);
        var of2025 = EditionGuide.Baselines(CourseEdition.Course2025);
        Assert.Empty(of2024.Intersect(of2025));
        Assert.All(of2024.Concat(of2025), spec => Assert.Contains(spec, kinds));
        Assert.Contains("baseline of the 2024 edition; this run follows 2025", EditionGuide.NotInEdition("gbm", CourseEdition.Course2025));
    }

    [Fact]
    public void Baseline_sizes_keep_the_2025_course_values_on_real_data_and_shrink_in_proportion_on_the_demo()
    {
        var real = BaselineSizes.For(CourseEdition.Course2025, synthetic: false);
        Assert.Equal(new BaselineSizes(20_000, 15_000, 1_000), real);
        Assert.Null(real.OptionsFor("forest"));
        Assert.Null(real.OptionsFor("gbdt"));

        var demo = BaselineSizes.For(CourseEdition.Course2025, synthetic: true);
        Assert.Equal(new BaselineSizes(1_500, 1_125, 75), demo);
        Assert.Equal("1125", demo.OptionsFor("forest")!["subset"]);
        Assert.Equal("75", demo.OptionsFor("gbdt")!["rounds"]);
        Assert.Null(demo.OptionsFor("nn"));
        Assert.Equal(1_500, BaselineSizes.For(CourseEdition.Course2024, synthetic: false).TrainItems);
    }

    [Fact]
    public void The_sized_options_are_ones_the_forest_and_gbdt_kinds_accept()
    {
        var demo = BaselineSizes.For(CourseEdition.Course2025, synthetic: true);
        foreach (var spec in new[] { "forest", "gbdt" })
            Assert.Equal(demo.OptionsFor(spec)!.Keys, Workbook.Pricers.Resolve(spec, demo.OptionsFor(spec), 42).Request.Options.Given.Keys);
    }
}
