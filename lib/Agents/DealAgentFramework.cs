using System.Diagnostics;

namespace PricerLib.Agents;

/// <summary>The figures of one framework run, for the CLI, the app and the report.</summary>
/// <param name="Started">When it started.</param>
/// <param name="Seconds">How long it took.</param>
/// <param name="Plan">What the planner did.</param>
public sealed record DealRunReport(DateTimeOffset Started, double Seconds, PlanResult Plan)
{
    /// <summary>Feed entries read.</summary>
    public int Read => Plan.Scan.Counts.Entries;

    /// <summary>New deals scraped (entries not in memory whose page was read).</summary>
    public int Scraped => Plan.Scan.Counts.Scraped;

    /// <summary>Deals the model selected that passed the checks.</summary>
    public int Selected => Plan.Scan.Selected.Count;

    /// <summary>Deals priced.</summary>
    public int Priced => Plan.Priced.Count;

    /// <summary>Alerts sent (or logged, in a dry run).</summary>
    public int Alerted => Plan.Alert is AlertOutcome.Sent or AlertOutcome.Logged ? 1 : 0;
}

/// <summary>
/// The course's <c>DealAgentFramework</c>: the memory read on start, one planner run at a time, and the best
/// opportunity of a run added to memory (written atomically). A run asked for while one is going (the app's timer
/// and its button) is refused with a log line instead of running twice over the same memory.
/// </summary>
/// <param name="log">Where it logs.</param>
/// <param name="planner">The planner.</param>
/// <param name="memory">The memory file.</param>
public sealed class DealAgentFramework(AgentLog log, IDealPlanner planner, DealMemory memory) : Agent(log)
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly Lock _memoryGate = new();
    private List<Opportunity>? _opportunities;

    /// <inheritdoc/>
    public override string Name => "Agent Framework";

    /// <inheritdoc/>
    public override AgentColour Colour => AgentColour.Blue;

    /// <summary>The opportunities in memory (read from the file on first use).</summary>
    public IReadOnlyList<Opportunity> Memory
    {
        get
        {
            lock (_memoryGate) return (_opportunities ??= memory.Read(Warn).ToList()).ToList();
        }
    }

    /// <summary>True while a run is going.</summary>
    public bool IsRunning => _running.CurrentCount == 0;

    /// <summary>One planner run; null when another run was still going (logged).</summary>
    public async Task<DealRunReport?> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!await _running.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            Warn("A planner run is still going; this one is skipped");
            return null;
        }
        try
        {
            var known = Memory;
            var started = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            Log("Kicking off Planning Agent");
            var plan = await planner.PlanAsync(known, cancellationToken).ConfigureAwait(false);
            Log(plan.Best is { } best ? $"Planning Agent has completed and returned: {best}" : "Planning Agent has completed and returned: None");
            if (plan.Best is { } found)
            {
                lock (_memoryGate)
                {
                    _opportunities!.Add(found);
                    memory.Write(_opportunities);
                }
            }
            return new DealRunReport(started, clock.Elapsed.TotalSeconds, plan);
        }
        finally
        {
            _running.Release();
        }
    }
}
