using PricerLib.Editions;
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
        var (kind, argument) = Split(pricerSpec);
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

    /// <summary>
    /// The course row a run reproduces, looked up in <paramref name="reference"/>; null when there is none, and for a
    /// run of another edition than the figures' (a 2024 run reproduces no 2025 row).
    /// </summary>
    public static ReferenceResult? For(RunRecord run, CourseReference reference) =>
        run.Edition == reference.Edition && NameFor(run.Pricer, run.Model, reference.Edition) is { } name
            ? reference.Results.FirstOrDefault(r => r.Name == name)
            : null;

    // The 2025 edition's rows (data/course-reference-results-2025.json) against our registry names; the 2025 baselines'
    // kinds are the ones lib/Classical2025 registers.
    private static readonly Dictionary<string, string> ByKind2025 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["constant"] = "Constant",
        ["weight-lr"] = "Linear Regression",
        ["nlp-lr"] = "NLP + LR",
        ["forest"] = "Random Forest",
        ["gbdt"] = "XGBoost",
        ["nn"] = "Neural Network",
        ["human"] = "Human (Ed)",
    };

    /// <summary>The course row's name for a pricer spec in <paramref name="edition"/>'s figures; null when there is none.</summary>
    public static string? NameFor(string pricerSpec, PricerDetails? details, CourseEdition edition)
    {
        if (edition != CourseEdition.Course2025) return NameFor(pricerSpec, details);
        var (kind, argument) = Split(pricerSpec);
        if (ByKind2025.TryGetValue(kind, out var name)) return name;
        return kind.Equals("frontier", StringComparison.OrdinalIgnoreCase) ? FrontierRow2025(argument) : Week8Row(kind, argument);
    }

    private static (string Kind, string Argument) Split(string pricerSpec)
    {
        int colon = pricerSpec.IndexOf(':');
        return ((colon < 0 ? pricerSpec : pricerSpec[..colon]).Trim(), colon < 0 ? "" : pricerSpec[(colon + 1)..].Trim());
    }

    /// <summary>The 2025 course's chat models (week6 day5 and the results table), by model id as <see cref="FrontierRow"/> reads them.</summary>
    private static string? FrontierRow2025(string model)
    {
        string id = ModelId(model, out bool fineTuned);
        if (IsModel(id, "gpt-4-1-nano")) return fineTuned ? "GPT 4.1 Nano (Fine-tuned)" : "GPT 4.1 Nano";
        if (fineTuned) return null;
        if (IsModel(id, "gpt-5-1")) return "GPT 5.1";
        if (IsModel(id, "grok-4-1-fast")) return "Grok 4.1 Fast";
        if (IsModel(id, "gemini-3-pro")) return "Gemini 3 Pro";
        if (IsModel(id, "claude-sonnet-4-5") || IsModel(id, "claude-4-5-sonnet")) return "Claude 4.5 Sonnet";
        return null;
    }

    /// <summary>
    /// The course's chat models by model id: dated snapshots (<c>gpt-4o-2024-08-06</c>), a router's provider prefix
    /// (<c>openai/gpt-4o-mini</c>) and OpenAI's fine-tuned ids (<c>ft:gpt-4o-mini-2024-07-18:org::id</c>) included.
    /// </summary>
    private static string? FrontierRow(string model)
    {
        string id = ModelId(model, out bool fineTuned);
        if (IsModel(id, "gpt-4o-mini")) return fineTuned ? "fine-tuned GPT-4o-mini" : "GPT-4o-mini";
        if (fineTuned) return null;
        if (IsModel(id, "gpt-4o")) return "GPT-4o";
        if (IsModel(id, "claude-3-5-sonnet")) return "Claude 3.5 Sonnet";
        return null;
    }

    /// <summary>A model id without a router's provider prefix or OpenAI's <c>ft:</c>, lower-cased, dots as dashes.</summary>
    private static string ModelId(string model, out bool fineTuned)
    {
        string id = model.ToLowerInvariant().Replace('.', '-');
        fineTuned = id.StartsWith("ft:", StringComparison.Ordinal);
        if (fineTuned) id = id[3..];
        return id[(id.LastIndexOf('/') + 1)..];
    }

    // "gpt-4o" is "gpt-4o", a dated snapshot "gpt-4o-2024-08-06", "gpt-4o-latest" or a "-preview", but not "gpt-4o-mini".
    private static bool IsModel(string id, string family)
    {
        if (id == family) return true;
        if (!id.StartsWith(family + "-", StringComparison.Ordinal)) return false;
        string tail = id[(family.Length + 1)..];
        return tail.Length > 0 && (char.IsAsciiDigit(tail[0]) || tail.StartsWith("latest", StringComparison.Ordinal)
            || tail.StartsWith("preview", StringComparison.Ordinal));
    }
}
