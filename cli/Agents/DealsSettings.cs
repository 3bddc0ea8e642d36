using System.ComponentModel;
using PricerLib;
using PricerLib.Agents;
using PricerLib.Editions;
using PricerLib.Frontier;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Agents;

/// <summary>The options <c>deals scan</c> and <c>deals serve</c> share: the pricer, the feeds, the chat model, alerts, memory.</summary>
public class DealsSettings : CommandSettings
{
    [CommandOption("--pricer <SPEC>")]
    [Description("The pricer of the deals: any spec (`pricer pricers` lists them; e.g. frontier:gpt-4o-mini). Optional with --trained.")]
    public string? Pricer { get; init; }

    [CommandOption("--trained <DIR>")]
    [Description("A model folder saved by `pricer train` to price with (e.g. gbm, constant).")]
    public string? Trained { get; init; }

    [CommandOption("--feed <URL>")]
    [Description("An RSS feed to read (repeatable); default the edition's DealNews feeds.")]
    public string[] Feeds { get; init; } = [];

    [CommandOption("--entries <N>")]
    [Description("Entries read per feed (the course: 10).")]
    [DefaultValue(10)]
    public int Entries { get; init; } = 10;

    [CommandOption("--pause <SECONDS>")]
    [Description("Pause after each deal page, to be polite (the course: 0.5).")]
    [DefaultValue(0.5)]
    public double Pause { get; init; } = 0.5;

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long a feed or page may take before it is skipped.")]
    [DefaultValue(30.0)]
    public double Timeout { get; init; } = 30;

    [CommandOption("--chat-url <URL>")]
    [Description("OpenAI-compatible base URL of the scanner's model (default OpenAI's); a custom URL gets a key only with --chat-key-env.")]
    public string? ChatUrl { get; init; }

    [CommandOption("--chat-key-env <NAME>")]
    [Description("Environment variable (or user-secret) holding the chat model's key (default OPENAI_API_KEY for OpenAI).")]
    public string? ChatKeyEnv { get; init; }

    [CommandOption("--scanner-model <MODEL>")]
    [Description("The scanner's model (default the edition's: gpt-4o-mini in 2024, gpt-5-mini in 2025).")]
    public string? ScannerModel { get; init; }

    [CommandOption("--edition <YEAR>")]
    [Description("2024 or 2025: the course edition's prompts, models and feeds (default PRICER_EDITION, else 2024).")]
    public string? Edition { get; init; }

    [CommandOption("--threshold <DOLLARS>")]
    [Description("Alert when the best discount is above this (the course: 50).")]
    [DefaultValue(PlanningAgent.CourseThreshold)]
    public double Threshold { get; init; } = PlanningAgent.CourseThreshold;

    [CommandOption("--autonomous")]
    [Description("Plan with the 2025 autonomous planner: a chat model calls the scan, estimate and notify tools.")]
    public bool Autonomous { get; init; }

    [CommandOption("--planner-model <MODEL>")]
    [Description("The autonomous planner's model (the course: gpt-5.1).")]
    public string? PlannerModel { get; init; }

    [CommandOption("--max-rounds <N>")]
    [Description("The autonomous planner's model calls per run, at most.")]
    [DefaultValue(10)]
    public int MaxRounds { get; init; } = 10;

    [CommandOption("--max-cost <DOLLARS>")]
    [Description("The autonomous planner's spending per run, at most.")]
    [DefaultValue(0.5)]
    public double MaxCost { get; init; } = 0.5;

    [CommandOption("--dry-run")]
    [Description("Log alerts instead of pushing them.")]
    public bool DryRun { get; init; }

    [CommandOption("--pushover-url <URL>")]
    [Description("Pushover's messages endpoint (default Pushover's own; for a local stand-in).")]
    public string? PushoverUrl { get; init; }

    [CommandOption("--memory <FILE>")]
    [Description("The course's memory.json of surfaced opportunities.")]
    [DefaultValue("memory.json")]
    public string Memory { get; init; } = "memory.json";

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Pricer) && Trained is null) return ValidationResult.Error("--pricer SPEC or --trained DIR is required: the deals are priced with it.");
        if (Entries < 1) return ValidationResult.Error("--entries must be at least 1.");
        if (Pause < 0 || Timeout <= 0) return ValidationResult.Error("--pause must be 0 or more and --timeout above 0.");
        if (MaxRounds < 1 || MaxCost <= 0) return ValidationResult.Error("--max-rounds must be at least 1 and --max-cost above 0.");
        foreach (var feed in Feeds)
            if (!IsHttp(feed)) return ValidationResult.Error($"--feed must be an http(s) URL, not '{feed}'.");
        if (PushoverUrl is { } pushover && !IsHttp(pushover)) return ValidationResult.Error($"--pushover-url must be an http(s) URL, not '{pushover}'.");
        return ValidationResult.Success();
    }

    /// <summary>The agents' settings these options give (keys read now: a missing chat key is a clear error).</summary>
    /// <exception cref="PricerException">No key for the chat model, or a bad URL or edition.</exception>
    public DealAgentSettings ToAgentSettings()
    {
        var edition = Edition is { } year ? CourseEditions.Parse(year) : PricerLib.WorkbookSettings.Current.Edition;
        var provider = FrontierProvider.Resolve(null, ChatUrl, ChatKeyEnv);
        var pushover = PushoverSettings.Find(DryRun);
        if (PushoverUrl is { } url) pushover = pushover with { Endpoint = new Uri(url) };
        var feeds = Feeds.Length > 0 ? Feeds.Select(f => new Uri(f)).ToList() : DealFeeds.For(edition);
        return new DealAgentSettings(edition, new OpenAiConnection(provider.BaseUrl, provider.ReadKey()), pushover, Memory)
        {
            Fetch = new DealFetchOptions(feeds) { EntriesPerFeed = Entries, PagePause = TimeSpan.FromSeconds(Pause), Timeout = TimeSpan.FromSeconds(Timeout) },
            ScannerModel = ScannerModel,
            Threshold = Threshold,
            Autonomous = Autonomous,
            PlannerModel = PlannerModel,
            Limits = new AutonomousLimits(MaxRounds, MaxCost),
        };
    }

    private static bool IsHttp(string text) => Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}

/// <summary>Agent log lines on a console, in the agent's colour (plain text: deal titles are data, never markup).</summary>
internal static class AgentConsole
{
    public static void Write(IAnsiConsole console, AgentLogEntry entry)
    {
        var colour = entry.IsWarning ? Color.Yellow : entry.Colour switch
        {
            AgentColour.Red => Color.Red,
            AgentColour.Green => Color.Green,
            AgentColour.Yellow => Color.Yellow,
            AgentColour.Blue => Color.Blue,
            AgentColour.Magenta => Color.Magenta1,
            AgentColour.Cyan => Color.Aqua,
            _ => Color.White,
        };
        console.Write(new Text($"[{entry.Time:yyyy-MM-dd HH:mm:ss zzz}] [Agents] {entry}\n", new Style(colour)));
    }
}
