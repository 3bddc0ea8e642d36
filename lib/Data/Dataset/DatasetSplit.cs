namespace PricerLib.Data.Dataset;

/// <summary>Shuffled train and test splits of a sample.</summary>
/// <param name="Train">The training items.</param>
/// <param name="Test">The test items (disjoint from <paramref name="Train"/>).</param>
/// <param name="RequestedTrain">The train size asked for; larger than <c>Train.Count</c> when the sample was too small.</param>
/// <param name="Unused">Items of the sample in neither split (the course leaves its tail unused too).</param>
public sealed record DatasetSplit(IReadOnlyList<Item> Train, IReadOnlyList<Item> Test, int RequestedTrain, int Unused)
{
    /// <summary>File name the course's splits are saved under.</summary>
    public const string TrainFileName = "train.jsonl.gz";
    /// <summary>File name the course's splits are saved under.</summary>
    public const string TestFileName = "test.jsonl.gz";

    /// <summary>The seed of the shuffle that made the split (recorded in the manifest).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>True when the sample could not fill the requested train size and the train split took what was left.</summary>
    public bool TrainShrunk => Train.Count < RequestedTrain;

    /// <summary>
    /// Saves both splits into <paramref name="folder"/> as gzip JSONL together or not at all, with
    /// <see cref="DatasetManifest"/> beside them: both files are written in full to temp files first (a failure or
    /// <paramref name="cancellationToken"/> there removes them and leaves the old pair as it was), then the manifest,
    /// then both are renamed into place. Returns the two paths.
    /// </summary>
    /// <exception cref="OutputFileException">A file could not be written; the old pair is untouched.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the renames; the old pair is untouched.</exception>
    public (string TrainPath, string TestPath) Save(string folder, CancellationToken cancellationToken = default)
    {
        var trainPath = Path.Combine(folder, TrainFileName);
        var testPath = Path.Combine(folder, TestFileName);
        using var train = AtomicFile.Stage(trainPath, stream => ItemStore.Write(ItemStore.Cancellable(Train, cancellationToken), stream));
        using var test = AtomicFile.Stage(testPath, stream => ItemStore.Write(ItemStore.Cancellable(Test, cancellationToken), stream));
        var manifest = new DatasetManifest(Seed,
            ManifestFile.Of(train.Temp, TrainFileName, Train.Count), ManifestFile.Of(test.Temp, TestFileName, Test.Count), DateTimeOffset.UtcNow);
        cancellationToken.ThrowIfCancellationRequested(); // the last point to stop: what follows takes milliseconds
        manifest.Write(folder);
        train.Commit();
        test.Commit();
        return (trainPath, testPath);
    }
}
