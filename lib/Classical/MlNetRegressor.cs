using Microsoft.ML;
using Microsoft.ML.Data;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Classical;

/// <summary>
/// An ML.NET regression model over dense feature rows: fitted from rows and prices, scoring a whole data view at a
/// time, saved as ML.NET's model zip. The rows are cached once (<c>mlContext.Data.Cache</c>) before training, since
/// trainers pass over them many times.
/// </summary>
public sealed class MlNetRegressor
{
    private readonly MLContext context;
    private readonly ITransformer model;
    private readonly int width;

    private MlNetRegressor(MLContext context, ITransformer model, int width)
    {
        this.context = context;
        this.model = model;
        this.width = width;
    }

    /// <summary>Fits <paramref name="trainer"/> (built from the context) on the rows and targets.</summary>
    public static MlNetRegressor Fit(IReadOnlyList<float[]> rows, IReadOnlyList<double> targets, int seed,
        Func<MLContext, IEstimator<ITransformer>> trainer)
    {
        if (rows.Count == 0 || rows.Count != targets.Count) throw new ArgumentException($"{rows.Count} rows but {targets.Count} targets; need at least one of each.");
        MlNetNatives.Ensure();
        var context = new MLContext(seed);
        int width = rows[0].Length;
        var data = context.Data.Cache(View(context, rows, targets, width));
        return new MlNetRegressor(context, trainer(context).Fit(data), width);
    }

    /// <summary>Predicts every row in one pass over a data view.</summary>
    public double[] Predict(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0) return [];
        var scored = model.Transform(View(context, rows, null, width));
        return scored.GetColumn<float>("Score").Select(s => (double)s).ToArray();
    }

    /// <summary>Writes the model as ML.NET's zip.</summary>
    public void Save(string path)
    {
        var schema = View(context, [], null, width).Schema;
        AtomicFile.Write(path, stream => context.Model.Save(model, schema, stream));
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="TrainedModelException">Not a readable ML.NET model.</exception>
    public static MlNetRegressor Load(string path, int width)
    {
        MlNetNatives.Ensure();
        var context = new MLContext();
        try
        {
            using var stream = File.OpenRead(path);
            return new MlNetRegressor(context, context.Model.Load(stream, out _), width);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or InvalidDataException or ArgumentException or IOException)
        {
            throw new TrainedModelException($"{path} is not a readable ML.NET model: {e.Message}", e);
        }
    }

    private static IDataView View(MLContext context, IReadOnlyList<float[]> rows, IReadOnlyList<double>? targets, int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var items = rows.Select((r, i) => new Row { Features = r, Label = targets is null ? 0 : (float)targets[i] });
        return context.Data.LoadFromEnumerable(items, schema);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
