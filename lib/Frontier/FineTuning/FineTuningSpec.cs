using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PricerLib.Frontier.FineTuning;

/// <summary>
/// What a fine-tuning job is asked for (the 2024 course: gpt-4o-mini-2024-07-18, seed 42, 1 epoch, suffix "pricer";
/// the 2025 course: gpt-4.1-nano-2025-04-14 and batch size 1 as well).
/// </summary>
/// <param name="BaseModel">The model to fine-tune.</param>
/// <param name="Epochs">Training epochs (<c>hyperparameters.n_epochs</c>).</param>
/// <param name="Seed">The job's seed.</param>
/// <param name="Suffix">Part of the fine-tuned model's name.</param>
/// <param name="BatchSize"><c>hyperparameters.batch_size</c>; null: not sent (the provider chooses).</param>
public sealed record FineTuningSpec(string BaseModel = FineTuningSpec.CourseModel, int Epochs = 1, int Seed = 42, string Suffix = "pricer", int? BatchSize = null)
{
    /// <summary>The model the 2024 course fine-tunes.</summary>
    public const string CourseModel = "gpt-4o-mini-2024-07-18";

    /// <summary>The model the 2025 course fine-tunes.</summary>
    public const string CourseModel2025 = "gpt-4.1-nano-2025-04-14";

    /// <summary>The job of <paramref name="edition"/>'s day 5.</summary>
    public static FineTuningSpec For(Editions.CourseEdition edition) =>
        edition == Editions.CourseEdition.Course2025 ? new(CourseModel2025, BatchSize: 1) : new();

    /// <summary>
    /// A fingerprint of the files and the parameters: the same data and settings give the same job, which a re-run finds
    /// (stored in the job's <c>metadata</c> and in the local record) instead of paying for another.
    /// </summary>
    public string Fingerprint(FineTuningData data)
    {
        var text = string.Join('\n', BaseModel, Epochs.ToString(CultureInfo.InvariantCulture), Seed.ToString(CultureInfo.InvariantCulture),
            Suffix, Sha(data.Train), Sha(data.Validation));
        // Only when asked for, so the fingerprints of jobs made before the option existed still find them.
        if (BatchSize is { } batch) text += "\nbatch_size=" + batch.ToString(CultureInfo.InvariantCulture);
        return Sha(text)[..32];
    }

    /// <summary>Checks the values OpenAI would refuse, before anything is uploaded.</summary>
    /// <exception cref="FrontierException">A bad value.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BaseModel)) throw new FrontierException("--model is required (the course: gpt-4o-mini-2024-07-18).");
        if (Epochs < 1) throw new FrontierException($"--epochs must be at least 1, not {Epochs}.");
        if (BatchSize < 1) throw new FrontierException($"--batch-size must be at least 1, not {BatchSize}.");
        if (Suffix.Length > 64 || Suffix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new FrontierException($"--suffix takes up to 64 letters, digits, '-' or '_' (it becomes part of the model id), not '{Suffix}'.");
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
