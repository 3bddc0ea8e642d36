using PricerLib.Notebooks;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Notebooks;

[Trait(TestTiers.Category, TestTiers.Slow)]
public class NotebookRunnerTests
{
    [Fact]
    public async Task A_failing_cell_is_reported_with_its_index_and_message_and_later_cells_still_run()
    {
        using var folder = new TempDir();
        using var notebook = new TestNotebook("failing", "var ok = 1;", "throw new System.Exception(\"boom\");", "int wrong = \"text\";", "ok + 1");

        var run = await new NotebookRunner(folder.Path).RunAsync(notebook.Path, TimeSpan.FromMinutes(5));

        Assert.False(run.Succeeded);
        Assert.Equal(2, run.ExitCode);
        Assert.Collection(run.FailedCells,
            c => { Assert.Equal(2, c.Index); Assert.Contains("boom", c.Error); },
            c => { Assert.Equal(3, c.Index); Assert.Contains("CS0029", c.Error); });
        Assert.True(File.Exists(run.ExecutedPath));
    }
}
