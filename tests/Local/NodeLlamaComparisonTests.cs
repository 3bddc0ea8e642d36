using System.Diagnostics;
using PricerLib.Local.Synthetic;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

/// <summary>
/// bench/node-llama/compare.mjs on the tiny synthetic model: node-llama-cpp's llama.cpp and ours give the same top-3
/// next tokens on the course's test prompts. Skips where <c>npm install --ignore-scripts</c> was not run in that folder
/// (CI does not install npm packages).
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class NodeLlamaComparisonTests
{
    [SkippableFact]
    public void Node_llama_cpp_and_pricer_agree_on_the_top_3_tokens()
    {
        var folder = Path.Combine(ProjectPaths.Root, "bench", "node-llama");
        Skip.IfNot(Directory.Exists(Path.Combine(folder, "node_modules", "node-llama-cpp")),
            $"node-llama-cpp is not installed in {folder} (npm install --ignore-scripts there); skipping.");
        using var dir = new TempDir();
        var model = SyntheticModelMaker.Make(new SyntheticModelRequest(SyntheticShape.Tiny, SyntheticModelType.Named("q8_0"),
            dir.File("tiny.gguf"), Shared.Llama3TokenizerModel)).Path;

        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "compare.mjs", "--model", model, "--items", "3", "--parallel", "2,3", "--rounds", "2", "--threads", "1",
                     "--data", Shared.Items, "--pricer", $"dotnet {Path.Combine(AppContext.BaseDirectory, "pricer.dll")}" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "compare.mjs did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"top-3 tokens differ or the script failed:\n{stdout.Result}\n{stderr.Result}");
        Assert.Equal(3, stdout.Result.Split('\n').Count(l => l.EndsWith(" |", StringComparison.Ordinal) && l.Contains("| yes (", StringComparison.Ordinal)));
        // Both engines took two turns, and bench local measured each --parallel value.
        Assert.Contains("rounds: 2", stdout.Result);
        foreach (var mode in new[] { "one at a time (parallel 1)", "batched (parallel 2)", "batched (parallel 3)" })
            Assert.Contains(mode, stdout.Result);
        var nodeRow = stdout.Result.Split('\n').Single(l => l.StartsWith("| node-llama-cpp", StringComparison.Ordinal));
        Assert.Equal(2, nodeRow.Split('|')[4].Trim().Split(' ').Length);
    }
}
