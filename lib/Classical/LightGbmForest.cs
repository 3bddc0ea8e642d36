using PricerLib.Data;
using PricerLib.Pricers;
using static PricerLib.Classical.LightGbmNative;

namespace PricerLib.Classical;

/// <summary>
/// A random forest grown by LightGBM's own random-forest booster over dense rows: one tree per call, so training stops
/// between trees when cancelled; saved as LightGBM's text model. The trees fit the prices less their mean
/// (<see cref="Offset"/>), added back to every answer: LightGBM's forest gives a tree that cannot split (too few or
/// identical prices in its sample) the answer 0, not the mean, and that would pull every answer towards 0.
/// </summary>
public sealed class LightGbmForest : IDisposable
{
    private readonly BoosterHandle booster;

    private LightGbmForest(BoosterHandle booster, int width, double offset)
    {
        this.booster = booster;
        Width = width;
        Offset = offset;
    }

    /// <summary>Columns of every row.</summary>
    public int Width { get; }

    /// <summary>The mean training price, added to the trees' answers.</summary>
    public double Offset { get; }

    /// <summary>Grows <see cref="ForestSettings.Trees"/> trees on the rows and targets.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; checked between trees.</exception>
    public static LightGbmForest Fit(IReadOnlyList<float[]> rows, IReadOnlyList<double> targets, ForestSettings settings, int seed,
        CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0 || rows.Count != targets.Count) throw new ArgumentException($"{rows.Count} rows but {targets.Count} targets; need at least one of each.");
        MlNetNatives.Ensure();
        int width = rows[0].Length;
        string parameters = settings.Parameters(rows.Count, seed);
        Check(LGBM_DatasetCreateFromMat(Flatten(rows, width), Float32, rows.Count, width, 1, parameters, IntPtr.Zero, out var dataset), "bin the training rows");
        using (dataset)
        {
            double offset = targets.Average();
            var labels = targets.Select(t => (float)(t - offset)).ToArray();
            Check(LGBM_DatasetSetField(dataset, "label", labels, labels.Length, Float32), "take the training prices");
            Check(LGBM_BoosterCreate(dataset, parameters, out var booster), "start the forest");
            try
            {
                for (int tree = 0; tree < settings.Trees; tree++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Check(LGBM_BoosterUpdateOneIter(booster, out _), "grow a tree");
                }
            }
            catch
            {
                booster.Dispose();
                throw;
            }
            return new LightGbmForest(booster, width, offset);
        }
    }

    /// <summary>Reads a forest written by <see cref="Save"/>, with the <see cref="Offset"/> it was trained with.</summary>
    /// <exception cref="TrainedModelException">Not a LightGBM model, or not one over <paramref name="width"/> columns.</exception>
    public static LightGbmForest Load(string path, int width, double offset)
    {
        MlNetNatives.Ensure();
        if (LGBM_BoosterLoadModelFromString(File.ReadAllText(path), out _, out var booster) != 0 || booster.IsInvalid)
            throw new TrainedModelException($"{path} is not a readable LightGBM model.");
        Check(LGBM_BoosterGetNumFeature(booster, out int features), "read the forest's width");
        if (features != width)
        {
            booster.Dispose();
            throw new TrainedModelException($"{path} takes {features} columns, not the {width} of this model's vectors.");
        }
        return new LightGbmForest(booster, width, offset);
    }

    /// <summary>The mean of the trees' answers for each row.</summary>
    public double[] Predict(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0) return [];
        var result = new double[rows.Count];
        Check(LGBM_BoosterPredictForMat(booster, Flatten(rows, Width), Float32, rows.Count, Width, 1, 0, 0, -1, "", out _, result), "price the rows");
        return result.Select(r => r + Offset).ToArray();
    }

    /// <summary>Writes the trees as LightGBM's text model (keep <see cref="Offset"/> beside it).</summary>
    public void Save(string path)
    {
        Check(LGBM_BoosterSaveModelToString(booster, 0, -1, 0, 0, out long length, []), "measure the model");
        var buffer = new byte[length];
        Check(LGBM_BoosterSaveModelToString(booster, 0, -1, 0, length, out _, buffer), "write the model");
        AtomicFile.Write(path, stream => stream.Write(buffer, 0, (int)length - 1)); // without C's terminating NUL
    }

    /// <inheritdoc/>
    public void Dispose() => booster.Dispose();

    private static float[] Flatten(IReadOnlyList<float[]> rows, int width)
    {
        var flat = new float[(long)rows.Count * width];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != width) throw new ArgumentException($"Row {r} has {rows[r].Length} columns, not {width}.", nameof(rows));
            rows[r].CopyTo(flat, (long)r * width);
        }
        return flat;
    }
}
