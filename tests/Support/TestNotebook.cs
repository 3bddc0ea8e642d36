namespace PricerLib.Tests.Support;

/// <summary>
/// A generated C# <c>.dib</c> notebook, written inside the checkout so that the pinned dotnet-repl tool is found when
/// it runs; deleted on dispose.
/// </summary>
internal sealed class TestNotebook : IDisposable
{
    private const string Header = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n";

    /// <summary>Writes a notebook of one C# cell per entry of <paramref name="cells"/>.</summary>
    public TestNotebook(string name, params string[] cells)
    {
        Path = System.IO.Path.Combine(ProjectPaths.Root, "artifacts", "test-notebooks", $"{name}-{Guid.NewGuid():N}.dib");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, Header + string.Concat(cells.Select(cell => $"#!csharp\n\n{cell}\n\n")));
    }

    /// <summary>The notebook's file.</summary>
    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
