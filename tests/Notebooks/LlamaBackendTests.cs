using PricerLib.Notebooks;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Notebooks;

/// <summary>Where LLamaSharp's natives come from: beside the CLI and the tests, and from the NuGet cache in notebooks.</summary>
public sealed class LlamaBackendTests
{
    private static readonly string CpuLine = $"#r \"nuget: {LlamaNativeLocator.CpuPackage}, {LlamaBackend.Version}\"";

    [Fact]
    public void The_restored_cpu_package_has_a_build_for_this_machine()
    {
        var natives = LlamaNativeLocator.Locate(LlamaBackend.PackagesFolder, "cpu", LlamaBackend.Version, LlamaPlatform.Current);

        Assert.All([natives.Llama, natives.Mtmd, .. natives.Dependencies], file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public void Applications_get_the_cpu_natives_from_their_build_and_the_library_gets_none()
    {
        // The test host is such an application: the helper leaves LLamaSharp to find its own natives.
        Assert.True(LlamaNativeLocator.IsBesideApplication(AppContext.BaseDirectory, LlamaPlatform.Current));
        Assert.Null(LlamaBackend.UseFromNuGetCache());
        var libraryDependencies = File.ReadAllText(Path.Combine(ProjectPaths.Root, "artifacts", "lib", "PricerLib.deps.json"));
        Assert.Contains($"\"LLamaSharp/{LlamaBackend.Version}\"", libraryDependencies);
        Assert.DoesNotContain("LLamaSharp.Backend", libraryDependencies);
    }

    [Fact]
    public void Notebooks_that_may_load_a_gguf_tokenizer_restore_the_backend_of_PricerLibs_LLamaSharp()
    {
        var tokenizing = NotebookRunner.Discover(ProjectPaths.Notebooks)
            .Select(path => (Name: Path.GetFileName(path), Text: File.ReadAllText(path)))
            .Where(notebook => notebook.Text.Contains("Workbook.Tokenizer"))
            .ToList();

        Assert.NotEmpty(tokenizing);
        Assert.All(tokenizing, notebook =>
        {
            Assert.True(notebook.Text.Contains(CpuLine), $"{notebook.Name} lacks {CpuLine}");
            Assert.True(notebook.Text.Contains($"{nameof(LlamaBackend)}.{nameof(LlamaBackend.UseFromNuGetCache)}("), notebook.Name);
        });
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public async Task A_notebook_loads_a_gguf_tokenizer_with_the_backend_it_restored()
    {
        var gguf = Shared.StoriesGguf;
        using var output = new TempDir();
        using var notebook = new TestNotebook("gguf",
            $"#r \"{Path.Combine(ProjectPaths.Root, "artifacts", "lib", "PricerLib.dll")}\"",
            $"""
            {CpuLine}
            var natives = PricerLib.Notebooks.LlamaBackend.UseFromNuGetCache("cpu");
            if (natives is null) throw new System.Exception("natives were found beside dotnet-repl: the NuGet cache went untested");
            natives.Package
            """,
            $$"""
            var tokenizer = PricerLib.Tokenization.GgufTokenizer.Load(@"{{gguf}}");
            var count = tokenizer.CountTokens("Once upon a time");
            tokenizer.Dispose();
            if (count < 2) throw new System.Exception($"{count} tokens for four words");
            count
            """);

        var run = await new NotebookRunner(output.Path).RunAsync(notebook.Path, TimeSpan.FromMinutes(5));

        var failures = string.Join("\n", run.FailedCells.Select(c => $"cell {c.Index} ({c.FirstLine}): {c.Error}"));
        Assert.True(run.Succeeded, $"exit code {run.ExitCode}\n{failures}\n{run.Log}");
    }
}
