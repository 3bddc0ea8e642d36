using System.Text.Json;

namespace PricerLib.Local.Remote;

/// <summary>
/// Reads the first generated position's top log-probabilities from an OpenAI-compatible <c>/v1/completions</c>
/// answer, in either shape: vLLM's <c>logprobs.top_logprobs = [{token: logprob, …}]</c> (one unsorted dict per
/// position) or llama.cpp's llama-server <c>logprobs.content = [{token, logprob, top_logprobs: [{token, logprob}]}]</c>.
/// </summary>
public static class CompletionLogprobs
{
    /// <summary>The candidates (text, probability = exp(logprob)), most probable first; empty when the answer has none.</summary>
    public static IReadOnlyList<TokenCandidate> FirstPosition(JsonElement choice)
    {
        if (!choice.TryGetProperty("logprobs", out var logprobs) || logprobs.ValueKind != JsonValueKind.Object) return [];
        var pairs = new List<(string Text, double LogProb)>();
        if (logprobs.TryGetProperty("top_logprobs", out var top) && top.ValueKind == JsonValueKind.Array && top.GetArrayLength() > 0)
            pairs.AddRange(top[0].EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())));
        else if (logprobs.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array && content.GetArrayLength() > 0
                 && content[0].TryGetProperty("top_logprobs", out var list))
            pairs.AddRange(list.EnumerateArray().Select(e => (e.GetProperty("token").GetString() ?? "", e.GetProperty("logprob").GetDouble())));
        return pairs.OrderByDescending(p => p.LogProb).Select((p, i) => new TokenCandidate(i, p.Text, Math.Exp(p.LogProb))).ToList();
    }
}
