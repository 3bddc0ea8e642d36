namespace PricerLib.Local.Lora;

/// <summary>
/// A PEFT LoRA adapter published on the Hugging Face Hub, pinned to one commit, with the licence it comes under and
/// the shape its files must have (so that what arrives is checked, not trusted).
/// </summary>
/// <param name="Repository">The Hub repository, <c>owner/name</c>.</param>
/// <param name="Revision">The full commit hash the files are fetched at (a branch could move).</param>
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
        AdapterShape.Llama31For8B(rank: 32, alpha: 64, ["q_proj", "k_proj", "v_proj", "o_proj"]));

    /// <summary>The repository's name without its owner, e.g. <c>pricer-2024-09-13_13.04.39</c>.</summary>
    public string Name => Repository[(Repository.IndexOf('/') + 1)..];
}
