namespace PricerLib.Frontier;

/// <summary>
/// How the 2025 course calls one frontier model: week 6 day 4 through LiteLLM (its provider prefix, and only the
/// settings the notebook passes), day 5 for the fine-tuned GPT-4.1-nano.
/// </summary>
/// <param name="Model">The model id, or for a fine-tuned model the <c>ft:BASE</c> its ids start with.</param>
/// <param name="Provider">The preset LiteLLM's prefix stands for (<c>openai/</c>, <c>anthropic/</c>, <c>gemini/</c>, <c>xai/</c>).</param>
/// <param name="ReasoningEffort">The notebook's <c>reasoning_effort</c>; null where it passes none.</param>
/// <param name="Seed">Whether the notebook passes <c>seed=42</c>.</param>
/// <param name="MaxTokens">The notebook's <c>max_tokens</c>; null where it passes none.</param>
public sealed record CourseModelCall(string Model, string Provider, string? ReasoningEffort = null, bool Seed = false, int? MaxTokens = null);

/// <summary>
/// The frontier kind's per-model defaults by edition. In 2024 every model gets the course's one request (seed 42,
/// 5 max tokens, system message and prefill); in 2025 each model is called as the notebook calls it.
/// </summary>
public static class FrontierDefaults
{
    /// <summary>The option value that means "as the course calls this model".</summary>
    public const string Course = "course";

    /// <summary>The <c>--reasoning-effort</c> value that sends no <c>reasoning_effort</c> at all.</summary>
    public const string Unset = "unset";

    /// <summary>
    /// Claude's Messages API requires <c>max_tokens</c>; where the 2025 course passes none, LiteLLM sends its default, 4,096.
    /// </summary>
    public const int AnthropicMaxTokens = 4096;

    /// <summary>The models week 6 day 4 (2025) compares, and day 5's fine-tuned GPT-4.1-nano.</summary>
    public static IReadOnlyList<CourseModelCall> Course2025 { get; } =
    [
        new("gpt-4.1-nano", "openai"),
        new("claude-opus-4-5", "anthropic"),
        new("gemini-3-pro-preview", "gemini", ReasoningEffort: "low"),
        new("gemini-3.1-flash-lite", "gemini"),
        new("grok-4-1-fast-non-reasoning", "xai", Seed: true),
        new("gpt-5.1", "openai", ReasoningEffort: "high", Seed: true),
        new("ft:gpt-4.1-nano", "openai", MaxTokens: 7),
    ];

    /// <summary>How the 2025 course calls <paramref name="model"/> (a fine-tuned id by its <c>ft:BASE</c> prefix); null when it does not.</summary>
    public static CourseModelCall? Find2025(string model) =>
        Course2025.FirstOrDefault(call => call.Model == model)
        ?? Course2025.FirstOrDefault(call => call.Model.StartsWith("ft:", StringComparison.Ordinal) && model.StartsWith(call.Model, StringComparison.Ordinal));

    /// <summary>
    /// Answer tokens a cost estimate assumes when no token limit is sent: a bare price, or a reasoning model's
    /// thinking as well (assumed, not measured: generous, so a budget errs on the safe side).
    /// </summary>
    public static int AssumedAnswerTokens(string? reasoningEffort) => reasoningEffort switch
    {
        null or "none" => 16,
        "minimal" => 256,
        "low" => 1024,
        "medium" => 4096,
        _ => 8192,
    };
}
