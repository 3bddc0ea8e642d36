using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Tests.Support;
using EvaluationItems = PricerLib.Tests.Evaluation.TestItems;

namespace PricerLib.Tests.Editions;

/// <summary><c>--edition</c> on the verbs, through the real CLI.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public class EditionCliTests
{
    [Fact]
    public void Evaluate_in_the_2025_edition_tests_200_items_prints_its_headline_and_records_the_edition()
    {
        using var dir = new TempDir();
        ItemStore.Save([EvaluationItems.Make("a", 10), EvaluationItems.Make("b", 50)], dir.File("train.jsonl"));
        ItemStore.Save(EvaluationItems.Priced(250), dir.File("test.jsonl"));

        var result = PricerProcess.Run("evaluate", "--edition", "2025", "--pricer", "constant", "--train", dir.File("train.jsonl"),
            "--test", dir.File("test.jsonl"), "--results", dir.File("results"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Constant Error: $", result.Stdout);
        Assert.Contains("r²:", result.Stdout);
        var run = new ResultsStore(dir.File("results")).Load("constant")!;
        Assert.Equal((CourseEdition.Course2025, 200), (run.Edition, run.Items.Count));

        var board = PricerProcess.Run("leaderboard", "--edition", "2025", "--results", dir.File("results"));
        Assert.True(board.ExitCode == 0, board.Stderr);
        Assert.Contains("Constant $106.18", board.Stdout.Split('\n').Single(l => l.Contains(" Constant ") && !l.Contains("(course")));
        var old = PricerProcess.Run("leaderboard", "--edition", "2024", "--results", dir.File("results"));
        Assert.Contains("Constant (2025 edition)", old.Stdout);
        Assert.Contains("another edition", old.Stderr);

        var wrong = PricerProcess.Run("evaluate", "--edition", "2023", "--pricer", "random", "--test", dir.File("test.jsonl"));
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("2024 or 2025", wrong.Stdout + wrong.Stderr);
    }
}
