using System.Diagnostics;

namespace Pricer.Cli.Bench;

/// <summary>
/// The wall-clock time and this process's CPU time (user + system, every thread) since <see cref="Start"/>: the one
/// way the bench commands time a stretch of work in their own process. CPU time is steadier than the wall on a
/// shared machine; the two together show how many cores the work kept busy.
/// </summary>
internal sealed class ProcessClock
{
    private readonly TimeSpan _cpuAtStart = CpuNow();
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    private ProcessClock()
    {
    }

    /// <summary>Starts both clocks now.</summary>
    public static ProcessClock Start() => new();

    /// <summary>Wall-clock time since the start.</summary>
    public TimeSpan Wall => _wall.Elapsed;

    /// <summary>CPU time the process used since the start, all threads together.</summary>
    public TimeSpan Cpu => CpuNow() - _cpuAtStart;

    /// <summary>Runs <paramref name="work"/> and returns its result with the wall and CPU time it took.</summary>
    public static (T Value, TimeSpan Wall, TimeSpan Cpu) Measure<T>(Func<T> work)
    {
        var clock = Start();
        var value = work();
        var wall = clock.Wall;
        return (value, wall, clock.Cpu);
    }

    // A fresh Process object each time: one kept around reports the times of its last Refresh.
    private static TimeSpan CpuNow()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
