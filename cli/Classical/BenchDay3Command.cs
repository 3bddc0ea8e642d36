using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Pricer.Cli.Bench;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Classical;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Notebooks;
using PricerLib.Pricers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Classical;

/// <summary>
/// <c>pricer bench day3</c>: day 3 as a user runs it, one <c>pricer evaluate</c> process per baseline, in the course's
/// order, trained on the first N items of a file and tested on its last items. By default it runs the course's own day-3
/// baselines of the chosen edition (what a quoted course time measures); <c>gbm</c>, beyond the course, is opt-in. The
/// processes share one fresh cache, so the first word2vec pricer trains word2vec and the next two read it, as in a
/// user's workbook. Reports each process's
/// wall and CPU time (the children's rusage) and the largest peak resident set, and the total against
/// <c>--against</c> seconds when given (a time measured elsewhere, e.g. the course's scikit-learn/gensim stack).
/// Exits 1 when any process failed, with its error output.
/// </summary>
public sealed class BenchDay3Command : PricerCommand<BenchDay3Command.Settings>
{
    public sealed class Settings : EditionSettings
    {
        [CommandOption("--items <FILE>")]
        [Description("Items to train and test on (default: ../shared/data/amazon-items-2024.jsonl where present).")]
        public string? Items { get; init; }

        [CommandOption("--sizes <LIST>")]
        [Description("Train on the first N items, for each N, comma-separated (default 3000,10439; capped at the file's count).")]
        public string Sizes { get; init; } = "3000,10439";

        [CommandOption("--test-size <N>")]
        [Description("Test on the file's last N items (default: the edition's Tester, 250 in 2024 and 200 in 2025).")]
        public int? Size { get; init; }

        /// <summary>The items to test: <c>--test-size</c>, else the edition's.</summary>
        public int TestSize => Size ?? CourseEdition.TestSize();

        [CommandOption("--pricers <LIST>")]
        [Description("Pricer kinds, comma-separated (default: the edition's day-3 baselines as the course runs them, random and constant " +
            "first; gbm is beyond the course, so a time quoted for the course's stack is compared without it: add it by name).")]
        public string? Pricers { get; init; }

        [CommandOption("--against <SECONDS>")]
        [Description("A total time to compare each size's total with (for example the course stack's, measured elsewhere).")]
        public double? Against { get; init; }

        public override ValidationResult Validate() =>
            base.Validate() is { Successful: false } edition ? edition
            : NumberList.Parse(Sizes) is null ? ValidationResult.Error("--sizes takes positive whole numbers separated by commas, e.g. 3000,10439.")
            : TestSize < 1 ? ValidationResult.Error("--test-size must be at least 1.")
            : Against is <= 0 ? ValidationResult.Error("--against must be a positive number of seconds.")
            : ValidationResult.Success();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var path = ClassicalBench.ItemsPath(settings.Items);
        var items = ItemFiles.Load(path);
        if (items.Count <= settings.TestSize) throw new PricerException($"{path} has {items.Count} items; testing on its last {settings.TestSize} leaves none to train on.");
        var kinds = settings.Pricers?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            ?? CourseDay3(settings.CourseEdition);
        var registry = WorkbookPricers.Create();
        var console = CommandConsoles.Out();
        var work = Directory.CreateTempSubdirectory("pricer-bench-day3-");
        try
        {
            var testFile = Path.Combine(work.FullName, "test.jsonl");
            ItemStore.Save(items.Skip(items.Count - settings.TestSize), testFile);
            console.MarkupLineInterpolated($"{path}: training on its first N items, testing on its last {settings.TestSize} (the largest size overlaps them: a speed figure, not an accuracy one); {Environment.ProcessorCount} cores; load average {ClassicalBench.LoadAverage()}.");
            var table = new Table().AddColumns("items", "pricer", "wall s", "CPU s", "error", "exit");
            int failed = 0;
            foreach (int size in NumberList.Parse(settings.Sizes)!.Select(s => Math.Min(s, items.Count)).Distinct())
            {
                var trainFile = Path.Combine(work.FullName, $"train-{size}.jsonl");
                ItemStore.Save(items.Take(size), trainFile);
                var environment = new Dictionary<string, string>
                {
                    [WorkbookSettings.Variables.Cache] = Directory.CreateDirectory(Path.Combine(work.FullName, $"cache-{size}")).FullName,
                    [WorkbookSettings.Variables.Results] = Directory.CreateDirectory(Path.Combine(work.FullName, $"results-{size}")).FullName,
                };
                double totalWall = 0, totalCpu = 0;
                foreach (var kind in kinds)
                {
                    string[] arguments = ["evaluate", "--pricer", kind, .. Trains(registry, kind) ? ["--train", trainFile] : Array.Empty<string>(),
                        "--test", testFile, "--size", $"{settings.TestSize}", "--edition", settings.CourseEdition.Name(), "--json"];
                    var run = ChildRun.Time(arguments, environment, cancellationToken);
                    totalWall += run.WallSeconds;
                    totalCpu += run.CpuSeconds;
                    table.AddTextRow($"{size:N0}", kind, $"{run.WallSeconds:N2}", $"{run.CpuSeconds:N1}", run.Error is { } e ? $"{e:N2}" : "–", $"{run.ExitCode}");
                    console.MarkupLineInterpolated($"  {size:N0} {kind}: {run.WallSeconds:N2} s wall, {run.CpuSeconds:N1} CPU s, exit {run.ExitCode}");
                    if (run.ExitCode == 0) continue;
                    failed++;
                    CommandConsoles.Error().MarkupLineInterpolated($"[red]  {kind} failed:[/] {run.Stderr.Trim()}");
                }
                string against = settings.Against is { } seconds ? $"; {seconds / totalWall:N1}× faster than {seconds:N0} s" : "";
                table.AddRow(new Text($"{size:N0}"), new Text("all", Bold), new Text($"{totalWall:N1}", Bold), new Text($"{totalCpu:N1}"), Text.Empty, Text.Empty);
                console.MarkupLineInterpolated($"  {size:N0}: every process in {totalWall:N1} s wall, {totalCpu:N1} CPU s{against}; largest peak resident set so far {ChildRun.PeakResidentMegabytes():N0} MB.");
            }
            console.Write(table);
            return Task.FromResult(failed == 0 ? 0 : ExitCodes.Failure);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The pricers of <paramref name="edition"/>'s day 3, in the course's order: <c>random</c> and <c>constant</c>, then
    /// its trained baselines without those beyond the course (<see cref="ClassicalPricers.BeyondCourse"/>).
    /// </summary>
    public static IReadOnlyList<string> CourseDay3(CourseEdition edition) =>
        ["random", "constant", .. EditionGuide.Baselines(edition).Except(ClassicalPricers.BeyondCourse)];

    // `random` takes no --train; a kind the registry does not know is left to its process to report.
    private static readonly Style Bold = new(decoration: Decoration.Bold);

    private static bool Trains(PricerRegistry registry, string kind)
    {
        try
        {
            return registry.Resolve(kind).Trains;
        }
        catch (PricerException)
        {
            return true;
        }
    }
}

/// <summary>One child <c>pricer</c> process: timed by the clock and by the children's resource usage.</summary>
internal sealed record ChildRun(int ExitCode, double WallSeconds, double CpuSeconds, double? Error, string Stderr)
{
    /// <summary>Runs this same CLI with <paramref name="arguments"/> and waits for it.</summary>
    public static ChildRun Time(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = SelfStart();
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        double cpuBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new PricerException($"Could not start {start.FileName}.");
        using var kill = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        process.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested();
        return new ChildRun(process.ExitCode, wall, ChildrenCpuSeconds() - cpuBefore, ErrorOf(stdout.Result), stderr.Result);
    }

    /// <summary>The largest peak resident set of any child waited for so far, in MB (0 off Linux).</summary>
    public static double PeakResidentMegabytes() => Usage() is { } usage ? usage.MaxResidentKilobytes / 1024.0 : 0;

    // `dotnet pricer.dll` starts the host with the dll; an apphost starts itself.
    private static ProcessStartInfo SelfStart()
    {
        var host = Environment.ProcessPath ?? throw new PricerException("Cannot tell which executable this is.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(BenchDay3Command).Assembly.Location);
        return start;
    }

    private static double? ErrorOf(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Number ? error.GetDouble() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static double ChildrenCpuSeconds() => Usage() is { } u
        ? u.UserSeconds + u.UserMicroseconds / 1e6 + u.SystemSeconds + u.SystemMicroseconds / 1e6
        : 0;

    // getrusage(RUSAGE_CHILDREN): the CPU time of every child reaped so far; the children run one at a time, so the
    // difference across one run is that child's. Linux only (macOS counts the peak in bytes; Windows has no rusage).
    private static RUsage? Usage() => OperatingSystem.IsLinux() && GetRUsage(-1, out var usage) == 0 ? usage : null;

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds, MaxResidentKilobytes;
        private readonly long ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
    }
}
