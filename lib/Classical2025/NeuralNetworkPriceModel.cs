using System.Globalization;
using PricerLib.Classical;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Classical2025;

/// <summary>
/// <c>nn</c>: the neural network of the 2025 course's <c>week6/day4.ipynb</c>. Each item's summary
/// (<see cref="ItemText2025"/>) is hashed by <see cref="HashingVectorizer"/> into 5,000 columns; the network
/// (<see cref="PriceNetwork.CourseSizes"/>) is trained on raw prices with MSE and Adam, batch 64, 1% held out for the
/// validation loss, 2 epochs; a guess is <c>max(0, output)</c>.
/// </summary>
/// <remarks>
/// Differs from the course: its PyTorch initial weights, <c>train_test_split(random_state=42)</c> and DataLoader
/// shuffles come from torch's and numpy's generators, which are not reproduced (ours are seeded with .NET's
/// <see cref="Random"/>), so the same seed gives another, equally likely, trained network.
/// </remarks>
public sealed class NeuralNetworkPriceModel : IPriceModel
{
    private const string WeightsFile = "nn.bin";
    private const string SettingsFile = "nn.json";
    private const uint Magic = 0x314E4E50; // "PNN1"

    private readonly HashingVectorizer vectorizer;
    private readonly PriceNetwork network;
    private readonly NeuralNetworkSettings settings;

    private NeuralNetworkPriceModel(HashingVectorizer vectorizer, PriceNetwork network, NeuralNetworkSettings settings) =>
        (this.vectorizer, this.network, this.settings) = (vectorizer, network, settings);

    /// <summary>What a saved model records beside its weights.</summary>
    /// <param name="Features">Hashed columns.</param>
    /// <param name="Sizes">Layer widths.</param>
    /// <param name="Epochs">Each epoch's losses.</param>
    public sealed record NeuralNetworkSettings(int Features, IReadOnlyList<int> Sizes, IReadOnlyList<EpochLoss> Epochs);

    /// <summary>Hashes the items' texts and trains the course's network on their prices.</summary>
    public static NeuralNetworkPriceModel Fit(IReadOnlyList<Item> train, NetworkTraining training, int features = 5000,
        CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new ArgumentException("The neural network needs at least one training item.", nameof(train));
        var vectorizer = new HashingVectorizer(features);
        List<SparseRow> rows;
        using (TrainingPhases.Measure("hashing")) rows = Rows(vectorizer, train);
        var network = PriceNetwork.Create(PriceNetwork.CourseSizes(features), training.Seed);
        IReadOnlyList<EpochLoss> losses;
        using (TrainingPhases.Measure("training"))
            losses = network.Train(rows, train.Select(i => (float)i.Price).ToList(), training, cancellationToken: cancellationToken);
        return new NeuralNetworkPriceModel(vectorizer, network, new NeuralNetworkSettings(features, network.Sizes, losses));
    }

    /// <summary>The hashed rows of <paramref name="items"/>, in order, on all cores.</summary>
    public static List<SparseRow> Rows(HashingVectorizer vectorizer, IReadOnlyList<Item> items) =>
        items.AsParallel().AsOrdered().Select(i =>
        {
            var vector = vectorizer.Transform(ItemText2025.Of(i));
            return new SparseRow(vector.Indices, vector.Values.Select(v => (float)v).ToArray());
        }).ToList();

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["features"] = settings.Features.ToString(CultureInfo.InvariantCulture),
        ["layers"] = string.Join("-", settings.Sizes),
        ["parameters"] = network.ParameterCount.ToString(CultureInfo.InvariantCulture),
        ["epochs"] = settings.Epochs.Count.ToString(CultureInfo.InvariantCulture),
        ["val_loss"] = settings.Epochs.LastOrDefault()?.ValidationLoss?.ToString("R", CultureInfo.InvariantCulture) ?? "",
    };

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<Item> items) =>
        Rows(vectorizer, items).AsParallel().AsOrdered().Select(row => Math.Max(0, (double)network.Predict(row))).ToArray();

    /// <inheritdoc/>
    public void Save(ModelFolder folder)
    {
        folder.WriteJson(SettingsFile, settings);
        AtomicFile.Write(folder.File(WeightsFile), stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            var (weights, biases) = network.Parameters;
            foreach (var values in weights.Concat(biases))
            {
                writer.Write(values.Length);
                foreach (float value in values) writer.Write(value);
            }
        });
    }

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="TrainedModelException">A file is missing, or the weights do not fit the recorded layers.</exception>
    public static NeuralNetworkPriceModel Load(ModelFolder folder)
    {
        var settings = folder.ReadJson<NeuralNetworkSettings>(SettingsFile);
        var network = PriceNetwork.Create([.. settings.Sizes], seed: 0);
        var (weights, biases) = network.Parameters;
        string path = ModelFiles.Existing(folder, WeightsFile);
        try
        {
            using var reader = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 20));
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("it is not a saved nn model");
            foreach (var values in weights.Concat(biases))
            {
                int length = reader.ReadInt32();
                if (length != values.Length) throw new InvalidDataException($"a layer holds {length:N0} values where {values.Length:N0} were expected");
                for (int i = 0; i < length; i++) values[i] = reader.ReadSingle();
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new TrainedModelException($"{path}: {e.Message}", e);
        }
        return new NeuralNetworkPriceModel(new HashingVectorizer(settings.Features), network, settings);
    }
}
