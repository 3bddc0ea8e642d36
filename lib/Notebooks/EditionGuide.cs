using Microsoft.Data.Analysis;
using PricerLib.Classical2025;
using PricerLib.Data;
using PricerLib.Data.Dataset;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Frontier.FineTuning;

namespace PricerLib.Notebooks;

/// <summary>
/// What the notebooks' settings cell shows about the chosen course edition, and the 2025 items the notebooks make from
/// curated items where no preprocessor has written summaries.
/// </summary>
public static class EditionGuide
{
    /// <summary>
    /// Where the editions differ, one row per aspect, with the chosen edition's column first so the reader sees it at
    /// a glance: the item text, the prompt's question, the test size, the baselines, the frontier models, fine-tuning
    /// and the open-source model.
    /// </summary>
    public static DataFrame Differences(CourseEdition chosen)
    {
        (string Aspect, string Course2024, string Course2025)[] rows =
        [
            ("item text", "title and details, cut to 160 tokens", "an LLM-written summary (on the demo catalogue: stand-ins, or in notebook 03 the PRICER_FRONTIER_URL endpoint's)"),
            ("question", Item.Question, EditionFormat.Question2025),
            ("test items", CourseEdition.Course2024.TestSize().ToString(System.Globalization.CultureInfo.InvariantCulture),
                CourseEdition.Course2025.TestSize().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("baselines", "random, constant, features-lr, bow-lr, word2vec-lr, svr, forest", "random, constant, weight-lr, nlp-lr, forest, gbdt, nn"),
            ("frontier models", "gpt-4o-mini, gpt-4o, claude-3-5-sonnet", string.Join(", ", FrontierDefaults.Course2025.Select(c => c.Model))),
            ("fine-tuning", FineTuningSpec.CourseModel, FineTuningSpec.CourseModel2025),
            ("open-source model", "Llama 3.1 8B (4-bit), QLoRA checkpoint", "Llama 3.2 3B, lite and full LoRA checkpoints"),
        ];
        bool first2025 = chosen == CourseEdition.Course2025;
        return new DataFrame(
            new StringDataFrameColumn("aspect", rows.Select(r => r.Aspect)),
            new StringDataFrameColumn($"{chosen.Name()} (chosen)", rows.Select(r => first2025 ? r.Course2025 : r.Course2024)),
            new StringDataFrameColumn(first2025 ? "2024" : "2025", rows.Select(r => first2025 ? r.Course2024 : r.Course2025)));
    }

    /// <summary>
    /// The trained baselines of <paramref name="edition"/>'s week 6, in the course's order, that notebook 03 runs after
    /// the random and constant pricers both editions share: in 2024 <c>features-lr</c>, <c>bow-lr</c>, the three
    /// word2vec models and <c>gbm</c> (beyond the course); in 2025 <c>weight-lr</c>, <c>nlp-lr</c>, <c>forest</c>,
    /// <c>gbdt</c> and <c>nn</c>.
    /// </summary>
    public static IReadOnlyList<string> Baselines(CourseEdition edition) =>
        edition == CourseEdition.Course2025
            ? ["weight-lr", "nlp-lr", "forest", "gbdt", "nn"]
            : ["features-lr", "bow-lr", "word2vec-lr", "word2vec-svr", "word2vec-rf", "gbm"];

    /// <summary>The sentence a notebook shows instead of running <paramref name="spec"/>, a baseline of the other edition only.</summary>
    public static string NotInEdition(string spec, CourseEdition edition) =>
        $"{spec} is a baseline of the {(edition == CourseEdition.Course2025 ? CourseEdition.Course2024 : CourseEdition.Course2025).Name()} " +
        $"edition; this run follows {edition.Name()} ({WorkbookSettings.Variables.Edition} chooses).";

    /// <summary>The two OpenAI models notebook 04 compares: GPT-4o-mini and GPT-4o in 2024, GPT-4.1-nano and GPT-5.1 in 2025.</summary>
    public static IReadOnlyList<string> OpenAiModels(CourseEdition edition) =>
        edition == CourseEdition.Course2025 ? ["gpt-4.1-nano", "gpt-5.1"] : ["gpt-4o-mini", "gpt-4o-2024-08-06"];

    /// <summary>
    /// The items of <paramref name="edition"/>: 2024 items unchanged; in 2025, items that already carry a summary are
    /// kept and the rest get a <b>stand-in summary</b> — their 2024 text (<see cref="ItemText2025"/>) — and the 2025
    /// prompt around it, so the 2025 path runs end to end on data no preprocessor has summarised.
    /// </summary>
    public static IReadOnlyList<Item> ForEdition(IEnumerable<Item> items, CourseEdition edition) =>
        edition == CourseEdition.Course2025 ? [.. items.Select(WithStandInSummary)] : [.. items];

    /// <summary>Both halves of <paramref name="split"/> as <see cref="ForEdition(IEnumerable{Item}, CourseEdition)"/> makes them.</summary>
    public static DatasetSplit ForEdition(DatasetSplit split, CourseEdition edition) =>
        split with { Train = ForEdition(split.Train, edition), Test = ForEdition(split.Test, edition) };

    private static Item WithStandInSummary(Item item)
    {
        if (item.Summary is not null) return item;
        string summary = ItemText2025.Of(item);
        return item with { Summary = summary, Prompt = CourseEdition.Course2025.MakePrompt(summary, item.Price), TokenCount = null };
    }
}
