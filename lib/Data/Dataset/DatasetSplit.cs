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

    /// <summary>True when the sample could not fill the requested train size and the train split took what was left.</summary>
    public bool TrainShrunk => Train.Count < RequestedTrain;

    /// <summary>
    /// Saves both splits into <paramref name="folder"/> with <see cref="ItemStore.Save"/> (atomic, gzip for .gz names).
    /// Returns the two paths.
    /// </summary>
    public (string TrainPath, string TestPath) Save(string folder, string trainName = TrainFileName, string testName = TestFileName)
    {
        var trainPath = Path.Combine(folder, trainName);
        var testPath = Path.Combine(folder, testName);
        ItemStore.Save(Train, trainPath);
        ItemStore.Save(Test, testPath);
        return (trainPath, testPath);
    }
}
