using System.Text.Json;
using PricerLib.Editions;

namespace PricerLib.Agents;

/// <summary>The scanner's prompts and model of one edition, verbatim from the course.</summary>
/// <param name="Model">The course's model for the scanner (gpt-4o-mini in 2024, gpt-5-mini in 2025).</param>
/// <param name="System">The system prompt.</param>
/// <param name="UserPrefix">The user prompt before the deals.</param>
/// <param name="UserSuffix">The user prompt after the deals.</param>
public sealed record ScannerPrompts(string Model, string System, string UserPrefix, string UserSuffix)
{
    /// <summary>The course's user prompt: prefix, each deal's description separated by blank lines, suffix.</summary>
    public string UserPrompt(IEnumerable<ScrapedDeal> deals) => UserPrefix + string.Join("\n\n", deals.Select(d => d.Describe())) + UserSuffix;
}

/// <summary>The 2025 autonomous planner's model and messages, verbatim.</summary>
/// <param name="Model">The course's model (gpt-5.1).</param>
/// <param name="System">The system message.</param>
/// <param name="User">The user message.</param>
public sealed record AutonomousPrompts(string Model, string System, string User);

/// <summary>
/// The course's agent prompts, copied by script from <c>week8/agents/*.py</c> into <c>data/deal-agent-prompts.json</c>
/// (embedded) so that not a character differs, Python's indentation inside the triple-quoted strings included.
/// </summary>
public static class DealAgentPrompts
{
    private const string ResourceName = "PricerLib.data.deal-agent-prompts.json";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<PromptFile> File = new(Load);

    /// <summary>The scanner's prompts of <paramref name="edition"/>.</summary>
    public static ScannerPrompts Scanner(CourseEdition edition) => edition == CourseEdition.Course2025 ? File.Value.Scanner2025 : File.Value.Scanner2024;

    /// <summary>The autonomous planner's messages (2025 only in the course).</summary>
    public static AutonomousPrompts Autonomous => File.Value.Autonomous;

    private static PromptFile Load()
    {
        using var stream = typeof(DealAgentPrompts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in PricerLib.");
        return JsonSerializer.Deserialize<PromptFile>(stream, Web) ?? throw new InvalidOperationException($"{ResourceName} is empty.");
    }

    private sealed record PromptFile(ScannerPrompts Scanner2024, ScannerPrompts Scanner2025, AutonomousPrompts Autonomous);
}
