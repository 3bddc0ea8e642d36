using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Editions;

/// <summary>The 2025 human baseline: <c>human_in.csv</c> of the first 100 test summaries, a filled <c>human_out.csv</c> back in.</summary>
public class HumanBaseline2025Tests
{
    private static Item Summarized(int i) => new()
    {
        Title = $"Lamp {i}", Price = 10 + i, Prompt = $"p{i}",
        Summary = $"Title: Lamp {i}\nCategory: Home\nBrand: \"Bright\", Inc.\nDescription: A lamp.\nDetails: {i} watts",
    };

    [Fact]
    public void The_input_file_holds_the_first_100_summaries_as_pythons_csv_writer_writes_them()
    {
        using var dir = new TempDir();
        var test = Enumerable.Range(0, 120).Select(Summarized).ToList();

        int rows = HumanCsv.WriteInput(test, dir.File("human_in.csv"), HumanCsv.RowsFor(CourseEdition.Course2025), CourseEdition.Course2025);

        Assert.Equal(100, rows);
        var expected = string.Concat(test.Take(100).Select(i => "\"" + i.Summary!.Replace("\"", "\"\"") + "\",0\r\n"));
        Assert.Equal(expected, File.ReadAllText(dir.File("human_in.csv")));
        Assert.Equal(("human_in.csv", "human_out.csv"), HumanCsv.FileNamesFor(CourseEdition.Course2025));
    }

    [Fact]
    public async Task A_filled_human_out_prices_row_i_as_item_i_and_a_2024_file_is_named_as_another_test_set()
    {
        using var dir = new TempDir();
        var test = Enumerable.Range(0, 3).Select(Summarized).ToList();
        HumanCsv.WriteInput(test, dir.File("human_out.csv"), 3, CourseEdition.Course2025);
        File.WriteAllText(dir.File("human_out.csv"), File.ReadAllText(dir.File("human_out.csv")).Replace("\",0\r\n", "\",42\r\n"));
        HumanCsv.WriteInput(test, dir.File("human_output.csv"), 3); // the 2024 shape: prompts, not summaries

        await using var pricer = HumanPricer.Load(dir.File("human_out.csv"), CourseEdition.Course2025);
        var report = await Tester.RunAsync(pricer, test);
        await using var wrong = HumanPricer.Load(dir.File("human_output.csv"), CourseEdition.Course2025);
        var mismatch = await Assert.ThrowsAsync<NothingScoredException>(() => Tester.RunAsync(wrong, test));

        Assert.Equal([42.0, 42.0, 42.0], report.Items.Select(r => r.Guess!.Value));
        Assert.Equal(42.0, (await pricer.PriceAsync(test[1])).Price);
        Assert.Contains("not for this test set: row 1 is \"p0Price is $\" but test item 1 is \"Title: Lamp 0\"", mismatch.Message);
    }

    [Fact]
    public void Items_without_a_summary_are_a_clear_error_and_nothing_is_written()
    {
        using var dir = new TempDir();
        var test = new List<Item> { Summarized(0), Summarized(1) with { Summary = null } };

        var e = Assert.Throws<HumanCsvException>(() => HumanCsv.WriteInput(test, dir.File("human_in.csv"), 2, CourseEdition.Course2025));

        Assert.Contains("Lamp 1", e.Message);
        Assert.False(File.Exists(dir.File("human_in.csv")));
    }
}
