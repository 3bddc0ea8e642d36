using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.Pricers;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Frontier;

/// <summary>The course's human baseline: human_input.csv out, a filled human_output.csv back in.</summary>
public class HumanBaselineTests
{
    private static readonly List<PricerLib.Data.Item> Test =
    [
        TestItems.Make("Kettle, \"quiet\" model", 40),
        TestItems.Make("Toaster, 2 slots", 25),
        TestItems.Make("Blender", 80),
    ];

    [Fact]
    public void The_input_file_is_what_pythons_csv_writer_writes()
    {
        using var dir = new TempDir();

        int rows = HumanCsv.WriteInput(Test, dir.File("human_input.csv"), count: 2);

        Assert.Equal(2, rows);
        var expected = string.Concat(Test.Take(2).Select(i => "\"" + i.TestPrompt.Replace("\"", "\"\"") + "\",0\r\n"));
        Assert.Equal(expected, File.ReadAllText(dir.File("human_input.csv")));
    }

    [Fact]
    public async Task A_filled_file_prices_row_i_as_item_i()
    {
        using var dir = new TempDir();
        WriteFilled(dir.File("human_output.csv"), Test, "35", "30.5", "99");
        await using var pricer = HumanPricer.Load(dir.File("human_output.csv"));

        var report = await Tester.RunAsync(pricer, Test);

        Assert.Equal([35, 30.5, 99], report.Items.Select(r => r.Guess!.Value));
        Assert.Equal(0, report.Metrics.Failed);
    }

    [Fact]
    public async Task A_short_or_partly_filled_file_gives_a_partial_run()
    {
        using var dir = new TempDir();
        WriteFilled(dir.File("human_output.csv"), Test.Take(2).ToList(), "", "30");
        await using var pricer = HumanPricer.Load(dir.File("human_output.csv"));

        var report = await Tester.RunAsync(pricer, Test);

        Assert.Equal([true, false, true], report.Items.Select(r => r.Failed));
        Assert.Contains("row 1 has no guess", report.Items[0].FailedReason);
        Assert.Contains("has 2 rows", report.Items[2].FailedReason);
        Assert.Equal(1, report.Metrics.Count);
    }

    [Fact]
    public async Task A_file_for_another_test_set_names_the_first_mismatch()
    {
        using var dir = new TempDir();
        var other = Test.ToList();
        other[1] = TestItems.Make("Waffle iron", 60);
        WriteFilled(dir.File("human_output.csv"), other, "1", "2", "3");
        var rows = HumanCsv.Read(dir.File("human_output.csv"));

        var e = Assert.Throws<HumanCsvException>(() => HumanCsv.CheckMatches(rows, Test, "human_output.csv"));
        Assert.Contains("row 2 is \"Waffle iron\" but test item 2 is \"Toaster, 2 slots\"", e.Message);

        await using var pricer = HumanPricer.Load(dir.File("human_output.csv"));
        var batch = await Assert.ThrowsAsync<HumanCsvException>(async () => { await foreach (var _ in pricer.PriceManyAsync(Test, 1)) { } });
        Assert.Equal(e.Message.Replace("human_output.csv", ""), batch.Message.Replace(dir.File("human_output.csv"), ""));
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error_from_the_registry()
    {
        using var dir = new TempDir();
        var options = new Dictionary<string, string?> { ["human-csv"] = dir.File("nope.csv") };

        var e = await Assert.ThrowsAsync<HumanCsvException>(() => WorkbookPricers.Create().CreateAsync("human", options).AsTask());

        Assert.Contains("does not exist", e.Message);
        Assert.Contains("pricer human-input", e.Message);
    }

    [Fact]
    public void Spreadsheet_line_ends_and_non_numbers_are_handled()
    {
        using var dir = new TempDir();
        var prompt = Test[0].TestPrompt.Replace("\n", "\r\n");
        File.WriteAllText(dir.File("h.csv"), $"\"{prompt.Replace("\"", "\"\"")}\",about 20\r\n");

        var row = Assert.Single(HumanCsv.Read(dir.File("h.csv")));

        Assert.Equal(Test[0].TestPrompt, row.Prompt);
        Assert.Null(row.Guess);
        Assert.Contains("'about 20' is not a number", row.Problem);
    }

    [Theory]
    [InlineData("$1,299.99", 1299.99)]
    [InlineData("1,299", 1299.0)]
    [InlineData("$45", 45.0)]
    [InlineData("1,29", null)] // not a thousands separator: no guess rather than a wrong one
    public void Prices_written_as_in_a_spreadsheet_are_read(string field, double? expected)
    {
        using var dir = new TempDir();
        WriteFilled(dir.File("h.csv"), [Test[0]], $"\"{field}\""); // quoted, as a spreadsheet saves a field with commas

        Assert.Equal(expected, Assert.Single(HumanCsv.Read(dir.File("h.csv"))).Guess);
    }

    private static void WriteFilled(string path, IReadOnlyList<PricerLib.Data.Item> items, params string[] guesses)
    {
        HumanCsv.WriteInput(items, path, items.Count);
        var text = File.ReadAllText(path);
        int at = 0;
        foreach (var guess in guesses)
        {
            at = text.IndexOf("\",0\r\n", at, StringComparison.Ordinal);
            text = text[..(at + 2)] + guess + text[(at + 3)..];
            at += 2 + guess.Length;
        }
        File.WriteAllText(path, text);
    }
}
