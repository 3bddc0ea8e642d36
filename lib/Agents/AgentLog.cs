namespace PricerLib.Agents;

/// <summary>The console colours the course's agents log in (agents/agent.py), on black.</summary>
public enum AgentColour
{
    /// <summary>Errors and warnings.</summary>
    Red,
    /// <summary>The planning agents.</summary>
    Green,
    /// <summary>The course's yellow (the specialist agent).</summary>
    Yellow,
    /// <summary>The course's blue (the frontier agent; the framework on blue).</summary>
    Blue,
    /// <summary>The course's magenta (the random forest agent).</summary>
    Magenta,
    /// <summary>The scanner.</summary>
    Cyan,
    /// <summary>The messenger.</summary>
    White,
}

/// <summary>One line an agent logged.</summary>
/// <param name="Time">When.</param>
/// <param name="Agent">Who, e.g. "Scanner Agent".</param>
/// <param name="Colour">The agent's colour.</param>
/// <param name="Message">What, without the "[Agent]" prefix.</param>
/// <param name="IsWarning">True for something that went wrong and was skipped (the run goes on).</param>
public sealed record AgentLogEntry(DateTimeOffset Time, string Agent, AgentColour Colour, string Message, bool IsWarning = false)
{
    /// <summary>The line as the course prints it: "[Scanner Agent] message".</summary>
    public override string ToString() => $"[{Agent}] {Message}";
}

/// <summary>
/// Where every agent's lines go: kept (the last <see cref="Capacity"/>) for the app's live log, and raised to
/// listeners (the console). Thread-safe. Never given secrets: agents log names of keys, never their values.
/// </summary>
public sealed class AgentLog
{
    private readonly Lock _gate = new();
    private readonly List<AgentLogEntry> _entries = [];
    private long _dropped;

    /// <summary>Lines kept for <see cref="Since"/>; older ones are dropped.</summary>
    public int Capacity { get; init; } = 1000;

    /// <summary>Raised for each line, on the thread that logged it.</summary>
    public event Action<AgentLogEntry>? Logged;

    /// <summary>Adds a line.</summary>
    public void Write(string agent, AgentColour colour, string message, bool isWarning = false)
    {
        var entry = new AgentLogEntry(DateTimeOffset.Now, agent, colour, message, isWarning);
        lock (_gate)
        {
            _entries.Add(entry);
            if (_entries.Count > Capacity)
            {
                _entries.RemoveAt(0);
                _dropped++;
            }
        }
        Logged?.Invoke(entry);
    }

    /// <summary>Lines logged so far (the kept ones), oldest first.</summary>
    public IReadOnlyList<AgentLogEntry> Entries { get { lock (_gate) return _entries.ToList(); } }

    /// <summary>
    /// The kept lines numbered from <paramref name="position"/> on (positions count every line ever logged), and the
    /// position to ask from next time: how the app polls for new lines.
    /// </summary>
    public (IReadOnlyList<AgentLogEntry> Lines, long Next) Since(long position)
    {
        lock (_gate)
        {
            long skip = Math.Max(0, position - _dropped);
            var lines = _entries.Skip((int)Math.Min(skip, _entries.Count)).ToList();
            return (lines, _dropped + _entries.Count);
        }
    }
}

/// <summary>An agent: a name and a colour to log under, as the course's <c>Agent</c> superclass.</summary>
/// <param name="log">Where its lines go.</param>
public abstract class Agent(AgentLog log)
{
    /// <summary>Who is logging, e.g. "Scanner Agent".</summary>
    public abstract string Name { get; }

    /// <summary>Its colour.</summary>
    public abstract AgentColour Colour { get; }

    /// <summary>Where its lines go.</summary>
    protected AgentLog AgentLog { get; } = log;

    /// <summary>Logs <paramref name="message"/> under this agent's name.</summary>
    protected void Log(string message) => AgentLog.Write(Name, Colour, message);

    /// <summary>Logs a problem that was skipped (the run goes on).</summary>
    protected void Warn(string message) => AgentLog.Write(Name, Colour, message, isWarning: true);
}
