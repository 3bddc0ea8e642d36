using PricerLib.Pricers;

namespace PricerLib.Evaluation;

/// <summary>
/// Which of the course's published rows (<see cref="CourseReference"/>) a run reproduces, from its pricer spec and
/// model details: <c>word2vec-rf</c> is the course's "word2vec RF", <c>frontier:gpt-4o-mini-2024-07-18</c> its
/// "GPT-4o-mini", <c>llama:…</c> with a LoRA adapter its "fine-tuned Llama 3.1 8B". Kinds the course has no row for
/// (<c>gbm</c>, <c>remote:…</c>, other chat models) have none.
/// </summary>
public static class CourseRows
{
    // Our registry names against the course's row names (data/course-reference-results.json).
    private static readonly Dictionary<string, string> ByKind = new(StringComparer.OrdinalIgnoreCase)
    {
        ["random"] = "random",
        ["constant"] = "constant",
        ["features-lr"] = "features LR",
        ["bow-lr"] = "BoW LR",
        ["word2vec-lr"] = "word2vec LR",
        ["word2vec-svr"] = "word2vec SVR",
        ["word2vec-rf"] = "word2vec RF",
        ["human"] = "human",
    };

    /// <summary>The course row's name for a pricer spec (and, for <c>llama</c>, its details); null when the course has none.</summary>
    /// <param name="pricerSpec">The spec the run ran, e.g. <c>word2vec-rf</c>, <c>frontier:gpt-4o</c>.</param>
    /// <param name="details">The pricer's details; <c>llama</c> reads its <c>lora</c> parameter from them.</param>
    public static string? NameFor(string pricerSpec, PricerDetails? details = null)
    {
        int colon = pricerSpec.IndexOf(':');
        string kind = (colon < 0 ? pricerSpec : pricerSpec[..colon]).Trim();
        string argument = colon < 0 ? "" : pricerSpec[(colon + 1)..].Trim();
        if (ByKind.TryGetValue(kind, out var name)) return name;
        return kind.ToLowerInvariant() switch
        {
            "frontier" => FrontierRow(argument),
            // The course's week 7 rows are Llama 3.1 8B without and with its LoRA adapter; a llama run says which.
            // A remote server's model name does not say whether an adapter is applied, so remote runs get no row.
            "llama" => details?.Parameters.TryGetValue("lora", out var lora) == true && lora != "none"
                ? "fine-tuned Llama 3.1 8B" : "base Llama 3.1 8B 4-bit",
            _ => Week8Row(kind, argument),
        };
    }

    /// <summary>
    /// Week 8's rows: the course published figures for them only in 2025 ("GPT 5.1 RAG" $30.19, "Ensemble" $29.9); its
    /// 2024 notebooks print none, so a 2024 reference has no such row and the lookup finds nothing.
    /// </summary>
    private static string? Week8Row(string kind, string argument) => kind.ToLowerInvariant() switch
    {
        "rag" when IsModel(argument.ToLowerInvariant().Replace('.', '-')[(argument.LastIndexOf('/') + 1)..], "gpt-5-1") => "GPT 5.1 RAG",
        "ensemble" => "Ensemble",
        _ => null,
    };

    /// <summary>The course row a run reproduces, looked up in <paramref name="reference"/>; null when there is none.</summary>
    public static ReferenceResult? For(RunRecord run, CourseReference reference) =>
        NameFor(run.Pricer, run.Model) is { } name ? reference.Results.FirstOrDefault(r => r.Name == name) : null;

    /// <summary>
    /// The course's chat models by model id: dated snapshots (<c>gpt-4o-2024-08-06</c>), a router's provider prefix
    /// (<c>openai/gpt-4o-mini</c>) and OpenAI's fine-tuned ids (<c>ft:gpt-4o-mini-2024-07-18:org::id</c>) included.
    /// </summary>
    private static string? FrontierRow(string model)
    {
        string id = model.ToLowerInvariant().Replace('.', '-');
        bool fineTuned = id.StartsWith("ft:", StringComparison.Ordinal);
        if (fineTuned) id = id[3..];
        id = id[(id.LastIndexOf('/') + 1)..];
        if (IsModel(id, "gpt-4o-mini")) return fineTuned ? "fine-tuned GPT-4o-mini" : "GPT-4o-mini";
        if (fineTuned) return null;
        if (IsModel(id, "gpt-4o")) return "GPT-4o";
        if (IsModel(id, "claude-3-5-sonnet")) return "Claude 3.5 Sonnet";
        return null;
    }

    // "gpt-4o" is "gpt-4o", a dated snapshot "gpt-4o-2024-08-06" or "gpt-4o-latest", but not "gpt-4o-mini".
    private static bool IsModel(string id, string family)
    {
        if (id == family) return true;
        if (!id.StartsWith(family + "-", StringComparison.Ordinal)) return false;
        string tail = id[(family.Length + 1)..];
        return tail.Length > 0 && (char.IsAsciiDigit(tail[0]) || tail.StartsWith("latest", StringComparison.Ordinal));
    }
}
