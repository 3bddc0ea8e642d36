using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PricerLib.Frontier.FineTuning;

/// <summary>What a fine-tuning job is asked for (the course: gpt-4o-mini-2024-07-18, seed 42, 1 epoch, suffix "pricer").</summary>
/// <param name="BaseModel">The model to fine-tune.</param>
/// <param name="Epochs">Training epochs (<c>hyperparameters.n_epochs</c>).</param>
/// <param name="Seed">The job's seed.</param>
/// <param name="Suffix">Part of the fine-tuned model's name.</param>
public sealed record FineTuningSpec(string BaseModel = FineTuningSpec.CourseModel, int Epochs = 1, int Seed = 42, string Suffix = "pricer")
{
    /// <summary>The model the course fine-tunes.</summary>
    public const string CourseModel = "gpt-4o-mini-2024-07-18";

    /// <summary>
    /// A fingerprint of the files and the parameters: the same data and settings give the same job, which a re-run finds
    /// (stored in the job's <c>metadata</c> and in the local record) instead of paying for another.
    /// </summary>
    public string Fingerprint(FineTuningData data)
    {
        var text = string.Join('\n', BaseModel, Epochs.ToString(CultureInfo.InvariantCulture), Seed.ToString(CultureInfo.InvariantCulture),
            Suffix, Sha(data.Train), Sha(data.Validation));
        return Sha(text)[..32];
    }

    /// <summary>Checks the values OpenAI would refuse, before anything is uploaded.</summary>
    /// <exception cref="FrontierException">A bad value.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BaseModel)) throw new FrontierException("--model is required (the course: gpt-4o-mini-2024-07-18).");
        if (Epochs < 1) throw new FrontierException($"--epochs must be at least 1, not {Epochs}.");
        if (Suffix.Length > 64 || Suffix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new FrontierException($"--suffix takes up to 64 letters, digits, '-' or '_' (it becomes part of the model id), not '{Suffix}'.");
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
