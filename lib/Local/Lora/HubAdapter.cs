namespace PricerLib.Local.Lora;

/// <summary>
/// A PEFT LoRA adapter published on the Hugging Face Hub, pinned to one commit, with the licence it comes under and
/// the shape its files must have (so that what arrives is checked, not trusted).
/// </summary>
/// <param name="Repository">The Hub repository, <c>owner/name</c>.</param>
/// <param name="Revision">The full commit hash the files are fetched at (a branch could move; <c>main</c> only where no commit is published).</param>
/// <param name="Description">What it is, for the licence notice.</param>
/// <param name="LicenseName">The licence it is published under.</param>
/// <param name="LicenseUrl">Where that licence can be read.</param>
/// <param name="Shape">The rank, alpha and tensors its config and weights must have.</param>
public sealed record HubAdapter(string Repository, string Revision, string Description, string LicenseName, string LicenseUrl,
    AdapterShape Shape)
{
    /// <summary>
    /// The course's fine-tuned checkpoint (week 7 days 3–5): QLoRA r 32, alpha 64 on q/k/v/o of Llama 3.1 8B, at the
    /// revision the course evaluates (mid-run, before it overfitted); about 109 MB of F32 weights. A fine-tune of
    /// Llama 3.1 is a derivative of it, so Meta's Llama 3.1 Community License applies to it.
    /// </summary>
    public static HubAdapter Course { get; } = new(
        "ed-donner/pricer-2024-09-13_13.04.39",
        "e8d637df551603dc86cd7a1598a8f44af4d7ae36",
        "the course's LoRA fine-tune of Meta Llama 3.1 8B (week 7)",
        "Llama 3.1 Community License",
        "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE",
        AdapterShape.Llama31For8B(rank: 32, alpha: 64, AdapterShape.Attention));

    /// <summary>
    /// The 2025 course's full checkpoint (week 7, run 2025-11-28_18.47.07): LoRA r 256, alpha 512 on the attention
    /// and MLP projections of Llama 3.2 3B, at the revision its pricer service (week 8) loads; about 1.56 GB as F32.
    /// </summary>
    public static HubAdapter Course2025 { get; } = Llama32("ed-donner/price-2025-11-28_18.47.07", "b19c8bfea3b6ff62237fbb0a8da9779fc12cefbd",
        "the 2025 course's LoRA fine-tune of Meta Llama 3.2 3B (week 7, attention and MLP)",
        AdapterShape.Llama32For3B(rank: 256, alpha: 512, AdapterShape.AttentionAndMlp));

    /// <summary>
    /// The 2025 course's lite checkpoint (run 2025-11-30_15.10.55-lite): LoRA r 32, alpha 64 on the attention
    /// projections of Llama 3.2 3B; about 73 MB as F32. The course loads it without a revision (its latest commit), and
    /// no commit of it is published beside the course, so it is fetched at <c>main</c>: its shape is what is checked.
    /// </summary>
    public static HubAdapter Course2025Lite { get; } = Llama32("ed-donner/price-2025-11-30_15.10.55-lite", "main",
        "the 2025 course's lite LoRA fine-tune of Meta Llama 3.2 3B (week 7, attention only)",
        AdapterShape.Llama32For3B(rank: 32, alpha: 64, AdapterShape.Attention));

    // A fine-tune of Llama 3.2 is a derivative of it: Meta's Llama 3.2 Community License applies.
    private static HubAdapter Llama32(string repository, string revision, string description, AdapterShape shape) =>
        new(repository, revision, description, "Llama 3.2 Community License",
            "https://github.com/meta-llama/llama-models/blob/main/models/llama3_2/LICENSE", shape);

    /// <summary>The course's adapter for <paramref name="edition"/>: 2024's, or 2025's full one (or its lite one).</summary>
    public static HubAdapter For(Editions.CourseEdition edition, bool lite = false) => edition switch
    {
        Editions.CourseEdition.Course2025 => lite ? Course2025Lite : Course2025,
        _ when lite => throw new LocalModelException("--lite picks the 2025 course's lite adapter; the 2024 course published one adapter (use --edition 2025, or PRICER_EDITION=2025)."),
        _ => Course,
    };

    /// <summary>The repository's name without its owner, e.g. <c>pricer-2024-09-13_13.04.39</c>.</summary>
    public string Name => Repository[(Repository.IndexOf('/') + 1)..];
}
