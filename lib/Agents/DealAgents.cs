using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Pricers;

namespace PricerLib.Agents;

/// <summary>Everything the deal agents need besides the pricer: feeds, the chat model's endpoint, alerts, memory.</summary>
/// <param name="Edition">Whose prompts, models and feeds (the course's 2024 or 2025 edition).</param>
/// <param name="Chat">The OpenAI-compatible endpoint of the scanner's (and autonomous planner's) model.</param>
/// <param name="Pushover">The alerts' keys and dry-run switch.</param>
/// <param name="MemoryFile">The course's memory.json.</param>
public sealed record DealAgentSettings(CourseEdition Edition, OpenAiConnection Chat, PushoverSettings Pushover, string MemoryFile)
{
    /// <summary>Feeds and page limits; default the edition's feeds.</summary>
    public DealFetchOptions? Fetch { get; init; }

    /// <summary>The scanner's model; default the edition's (gpt-4o-mini, gpt-5-mini).</summary>
    public string? ScannerModel { get; init; }

    /// <summary>The discount an alert needs; default the course's $50.</summary>
    public double Threshold { get; init; } = PlanningAgent.CourseThreshold;

    /// <summary>Plan with the 2025 autonomous planner (a model calling tools) instead of the fixed workflow.</summary>
    public bool Autonomous { get; init; }

    /// <summary>The autonomous planner's model; default the course's gpt-5.1.</summary>
    public string? PlannerModel { get; init; }

    /// <summary>The autonomous planner's bounds.</summary>
    public AutonomousLimits Limits { get; init; } = new();

    /// <summary>The fetch options in force.</summary>
    public DealFetchOptions FetchOptions => Fetch ?? new DealFetchOptions(DealFeeds.For(Edition));
}

/// <summary>
/// Wires the course's agents together — scanner, planner (fixed or autonomous), messenger, memory — around a pricer
/// made by the registry (any spec or trained model folder). Disposing it releases the HTTP client; the pricer stays
/// the caller's.
/// </summary>
public sealed class DealAgents : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>The agents of <paramref name="settings"/>, pricing with <paramref name="pricer"/>, logging to <paramref name="log"/>.</summary>
    public DealAgents(DealAgentSettings settings, IPricer pricer, AgentLog log)
    {
        Log = log;
        _http = new HttpClient { Timeout = settings.FetchOptions.Timeout + TimeSpan.FromSeconds(5) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("pricer-workbook-deal-agents/1.0");
        var prompts = DealAgentPrompts.Scanner(settings.Edition);
        var openAi = OpenAiClientFor(settings.Chat);
        var fetcher = new DealFetcher(_http, settings.FetchOptions, message => log.Write("Scanner Agent", AgentColour.Cyan, message, isWarning: true));
        Scanner = new ScannerAgent(log, fetcher, openAi, settings.ScannerModel ?? prompts.Model, prompts);
        Messenger = new MessagingAgent(log, _http, settings.Pushover);
        Planner = new PlanningAgent(log, Scanner, pricer, Messenger, settings.Threshold);
        IDealPlanner planner = settings.Autonomous ? AutonomousPlanner(settings, openAi) : Planner;
        Framework = new DealAgentFramework(log, planner, new DealMemory(settings.MemoryFile));
    }

    /// <summary>The 2025 autonomous planner over the settings' model.</summary>
    private IDealPlanner AutonomousPlanner(DealAgentSettings settings, OpenAIClient openAi)
    {
        var model = settings.PlannerModel ?? DealAgentPrompts.Autonomous.Model;
        return new AutonomousPlanningAgent(Log, Scanner, Planner, Messenger, openAi.GetChatClient(model).AsIChatClient(), model, settings.Limits);
    }

    /// <summary>Where every agent logs.</summary>
    public AgentLog Log { get; }

    /// <summary>The scanner.</summary>
    public ScannerAgent Scanner { get; }

    /// <summary>The messenger.</summary>
    public MessagingAgent Messenger { get; }

    /// <summary>The course's planner (also the autonomous planner's pricing step).</summary>
    public PlanningAgent Planner { get; }

    /// <summary>The framework: memory and one run at a time.</summary>
    public DealAgentFramework Framework { get; }

    /// <summary>The OpenAI SDK client for <paramref name="connection"/>, with the workbook's retry policy.</summary>
    public static OpenAIClient OpenAiClientFor(OpenAiConnection connection)
    {
        var options = new OpenAIClientOptions { RetryPolicy = new FrontierRetryPolicy(connection.MaxRetries, connection.RetryDelayScale) };
        if (connection.BaseUrl is { } url) options.Endpoint = url;
        if (connection.Timeout is { } timeout) options.NetworkTimeout = timeout;
        return new OpenAIClient(connection.Key.ToCredential(), options);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
