using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;

namespace PricerLib.Pricers;

/// <summary>What a model was trained on, so that a saved model says where it came from.</summary>
/// <param name="Items">How many training items.</param>
/// <param name="File">The training file, where there was one.</param>
/// <param name="Sha256">SHA-256 over every training item's prompt and price, in order: the same items give the same hash.</param>
public sealed record TrainingData(int Items, string? File, string Sha256)
{
    /// <summary>Describes <paramref name="train"/>, read from <paramref name="file"/> where given.</summary>
    public static TrainingData Of(IReadOnlyList<Item> train, string? file = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in train)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(item.Prompt));
            hash.AppendData(BitConverter.GetBytes(item.Price));
        }
        return new TrainingData(train.Count, file is null ? null : Path.GetFullPath(file), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

/// <summary>The manifest of a saved model (<c>model.json</c>).</summary>
/// <param name="Kind">The registry kind that loads it.</param>
/// <param name="Spec">The spec it was made from.</param>
/// <param name="Seed">The seed it was trained with.</param>
/// <param name="Options">The kind's options as given when it was trained.</param>
/// <param name="TrainedOn">What it was trained on.</param>
/// <param name="TrainSeconds">How long training took.</param>
/// <param name="Created">When it was saved.</param>
/// <param name="ToolVersion">The PricerLib version that saved it.</param>
public sealed record TrainedModelManifest(string Kind, string Spec, int Seed, IReadOnlyDictionary<string, string> Options,
    TrainingData TrainedOn, double TrainSeconds, DateTimeOffset Created, string ToolVersion)
{
    /// <summary>The course edition it was trained in; models saved before editions existed read as 2024.</summary>
    public CourseEdition Edition { get; init; } = CourseEdition.Course2024;
}

/// <summary>A loaded model: the ready pricer and its manifest.</summary>
public sealed record LoadedModel(IPricer Pricer, TrainedModelManifest Manifest, string Folder)
{
    /// <summary>The default name of a run of this model: its spec and the training options that change the guesses.</summary>
    public string RunName { get; init; } = Manifest.Spec;
}

/// <summary>Saves trained pricers into model folders and loads them back through their kind's registration.</summary>
public static class TrainedModel
{
    /// <summary>
    /// Saves <paramref name="pricer"/> into <paramref name="folder"/>, replacing the model saved there before (all of
    /// its files). The manifest is written last and removed first, so a folder whose save was interrupted never passes
    /// for a model.
    /// </summary>
    /// <exception cref="TrainedModelException">The pricer's kind cannot be saved.</exception>
    public static async Task<string> SaveAsync(IPricer pricer, string folder, TrainedModelManifest manifest, CancellationToken cancellationToken = default)
    {
        if (pricer is not ISaveablePricer saveable)
            throw new TrainedModelException($"Pricer '{manifest.Spec}' cannot be saved as a trained model.");
        var model = new ModelFolder(folder);
        var manifestPath = Path.Combine(model.Path, ModelFolder.ManifestName);
        if (System.IO.File.Exists(manifestPath))
        {
            // A model is already there (perhaps of another kind): its files go too, or they would sit beside the new ones.
            System.IO.File.Delete(manifestPath);
            foreach (var file in Directory.EnumerateFiles(model.Path)) System.IO.File.Delete(file);
        }
        await saveable.SaveAsync(model, cancellationToken).ConfigureAwait(false);
        AtomicFile.Write(manifestPath, stream => JsonSerializer.Serialize(stream, manifest, EvaluationJson.Options));
        return model.Path;
    }

    /// <summary>Reads the manifest of the model in <paramref name="folder"/>.</summary>
    /// <exception cref="TrainedModelException">No model there, or an unreadable manifest.</exception>
    public static TrainedModelManifest ReadManifest(string folder)
    {
        var path = Path.Combine(Path.GetFullPath(folder), ModelFolder.ManifestName);
        if (!Directory.Exists(folder)) throw new TrainedModelException($"No trained model at {Path.GetFullPath(folder)}: no such folder.");
        if (!System.IO.File.Exists(path))
            throw new TrainedModelException($"{Path.GetFullPath(folder)} holds no trained model ({ModelFolder.ManifestName} is missing; save one with `pricer train`).");
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            return JsonSerializer.Deserialize<TrainedModelManifest>(stream, EvaluationJson.Options)
                ?? throw new TrainedModelException($"{path} holds null, not a manifest.");
        }
        catch (JsonException e)
        {
            throw new TrainedModelException($"{path} is not a readable model manifest: {e.Message}", e);
        }
    }
}
