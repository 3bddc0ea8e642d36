using System.Collections.Concurrent;
using System.Diagnostics;

namespace PricerLib.Classical;

/// <summary>
/// Where a classical model's training time goes (word2vec, document vectors, vocabulary, solver, trees, tuning), for
/// <c>pricer bench baselines</c>. Phases are recorded only inside <see cref="Collect"/>, which flows into the tasks
/// the training starts; outside it <see cref="Measure"/> costs one null check.
/// </summary>
public sealed class TrainingPhases : IDisposable
{
    private static readonly AsyncLocal<TrainingPhases?> Current = new();
    private readonly TrainingPhases? outer;
    private readonly ConcurrentDictionary<string, double> seconds = new(StringComparer.Ordinal);

    private TrainingPhases()
    {
        outer = Current.Value;
        Current.Value = this;
    }

    /// <summary>Starts collecting the phases of the training that runs until this collection is disposed.</summary>
    public static TrainingPhases Collect() => new();

    /// <summary>Seconds per phase so far.</summary>
    public IReadOnlyDictionary<string, double> Seconds => seconds;

    /// <summary>Times one phase until the result is disposed; phases of the same name add up.</summary>
    public static IDisposable? Measure(string phase) => Current.Value is { } phases ? new Phase(phases, phase) : null;

    /// <summary>Stops collecting.</summary>
    public void Dispose() => Current.Value = outer;

    private sealed class Phase(TrainingPhases phases, string name) : IDisposable
    {
        private readonly long start = Stopwatch.GetTimestamp();

        public void Dispose() => phases.seconds.AddOrUpdate(name, _ => Stopwatch.GetElapsedTime(start).TotalSeconds,
            (_, sum) => sum + Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}
