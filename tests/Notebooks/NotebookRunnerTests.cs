using PricerLib.Notebooks;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Notebooks;

public class NotebookRunnerTests
{
    private const string Header = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n";

    [Fact]
    public async Task A_failing_cell_is_reported_with_its_index_and_message_and_later_cells_still_run()
    {
        using var folder = new TempDir();
        // The notebook must sit inside the checkout so the pinned dotnet-repl tool is found.
        var inCheckout = Path.Combine(ProjectPaths.Root, "artifacts", "test-notebooks", $"failing-{Guid.NewGuid():N}.dib");
        Directory.CreateDirectory(Path.GetDirectoryName(inCheckout)!);
        File.WriteAllText(inCheckout, Header +
            "#!csharp\n\nvar ok = 1;\n\n#!csharp\n\nthrow new System.Exception(\"boom\");\n\n#!csharp\n\nint wrong = \"text\";\n\n#!csharp\n\nok + 1\n");
        try
        {
            var run = await new NotebookRunner(folder.Path).RunAsync(inCheckout, TimeSpan.FromMinutes(5));

            Assert.False(run.Succeeded);
            Assert.Equal(2, run.ExitCode);
            Assert.Collection(run.FailedCells,
                c => { Assert.Equal(2, c.Index); Assert.Contains("boom", c.Error); },
                c => { Assert.Equal(3, c.Index); Assert.Contains("CS0029", c.Error); });
            Assert.True(File.Exists(run.ExecutedPath));
        }
        finally
        {
            File.Delete(inCheckout);
        }
    }
}
