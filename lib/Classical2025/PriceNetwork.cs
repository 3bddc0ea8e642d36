using System.Numerics.Tensors;

namespace PricerLib.Classical2025;

/// <summary>A sparse input row: the columns it touches and their values (a hashed document's 1/√k each).</summary>
/// <param name="Indices">Columns, each at most once.</param>
/// <param name="Values">The value of each column.</param>
public readonly record struct SparseRow(int[] Indices, float[] Values);

/// <summary>How a network is trained: the course's <c>week6/day4.ipynb</c> settings by default.</summary>
public sealed record NetworkTraining
{
    /// <summary>Passes over the training rows (the course's <c>EPOCHS = 2</c>).</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Rows per Adam step (the course's <c>DataLoader(batch_size=64, shuffle=True)</c>).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's learning rate (the course's 0.001; β₁ 0.9, β₂ 0.999, ε 1e-8 as PyTorch's defaults).</summary>
    public float LearningRate { get; init; } = 0.001f;

    /// <summary>Share of rows held out to report a validation loss (the course's <c>test_size=0.01</c>).</summary>
    public double ValidationShare { get; init; } = 0.01;

    /// <summary>Seed of the initial weights, the split and the shuffles.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Cores a batch's rows are spread over; 1 runs the same code on one thread (the benchmark's baseline).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>One epoch's losses, as the course prints them: the last batch's training MSE and the validation MSE.</summary>
public sealed record EpochLoss(int Epoch, double TrainLoss, double? ValidationLoss);

/// <summary>
/// A fully connected ReLU network trained with mean squared error and Adam, written on
/// <see cref="TensorPrimitives"/> (TorchSharp cannot load on these machines). The first layer reads sparse rows: a row
/// adds only the weight rows of its columns, and only those rows get gradients, so a 5,000-wide bag of hashed words
/// costs what its few dozen words cost. A batch's rows are spread over <see cref="NetworkTraining.Threads"/> cores,
/// each with its own gradient buffers, summed before the step. Weights are <c>[in × out]</c> row-major per layer,
/// initialised as PyTorch's <c>nn.Linear</c> (uniform ±1/√in for weights and biases) from a seeded <see cref="Random"/>.
/// </summary>
public sealed class PriceNetwork
{
    private readonly int[] sizes;
    private readonly float[][] weights;
    private readonly float[][] biases;

    private PriceNetwork(int[] sizes, float[][] weights, float[][] biases) => (this.sizes, this.weights, this.biases) = (sizes, weights, biases);

    /// <summary>The course's <c>NeuralNetwork</c>: inputs → 128 → six layers of 64 → 1.</summary>
    public static int[] CourseSizes(int inputs) => [inputs, 128, 64, 64, 64, 64, 64, 64, 1];

    /// <summary>Layer widths, inputs first, output (1) last.</summary>
    public IReadOnlyList<int> Sizes => sizes;

    /// <summary>Trainable parameters (the course prints 669,249 for 5,000 inputs).</summary>
    public long ParameterCount => weights.Sum(w => (long)w.Length) + biases.Sum(b => (long)b.Length);

    /// <summary>A network with PyTorch's default initialisation, seeded.</summary>
    public static PriceNetwork Create(int[] sizes, int seed)
    {
        if (sizes.Length < 2 || sizes[^1] != 1 || sizes.Any(s => s < 1))
            throw new ArgumentException("A price network needs at least an input and a one-wide output layer.", nameof(sizes));
        var random = new Random(seed);
        int layers = sizes.Length - 1;
        var weights = new float[layers][];
        var biases = new float[layers][];
        for (int l = 0; l < layers; l++)
        {
            float bound = 1 / MathF.Sqrt(sizes[l]);
            weights[l] = Uniform(random, sizes[l] * sizes[l + 1], bound);
            biases[l] = Uniform(random, sizes[l + 1], bound);
        }
        return new PriceNetwork(sizes, weights, biases);
    }

    private static float[] Uniform(Random random, int count, float bound)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        return values;
    }

    /// <summary>The network's output for one row (not clamped).</summary>
    public float Predict(SparseRow row) => Forward(row, new Workspace(sizes));

    /// <summary>
    /// Trains with MSE and Adam on <paramref name="rows"/> and <paramref name="targets"/>, holding out
    /// <see cref="NetworkTraining.ValidationShare"/> (at least one row when there are two or more) for the loss report.
    /// </summary>
    public IReadOnlyList<EpochLoss> Train(IReadOnlyList<SparseRow> rows, IReadOnlyList<float> targets, NetworkTraining settings,
        IProgress<EpochLoss>? progress = null, CancellationToken cancellationToken = default)
    {
        if (rows.Count != targets.Count) throw new ArgumentException("One target per row is needed.", nameof(targets));
        if (rows.Count == 0) throw new ArgumentException("There are no rows to train on.", nameof(rows));
        var random = new Random(settings.Seed);
        var order = Enumerable.Range(0, rows.Count).ToArray();
        random.Shuffle(order);
        int held = rows.Count < 2 ? 0 : Math.Max(1, (int)Math.Ceiling(rows.Count * settings.ValidationShare));
        var validation = order[..held];
        var train = order[held..];

        int threads = Math.Max(1, settings.Threads);
        var optimizer = new Adam(weights, biases, settings.LearningRate, threads);
        var workers = Enumerable.Range(0, threads).Select(_ => new Worker(sizes)).ToArray();
        var losses = new List<EpochLoss>();
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            random.Shuffle(train);
            double lastLoss = 0;
            for (int start = 0; start < train.Length; start += settings.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = train.AsMemory(start, Math.Min(settings.BatchSize, train.Length - start));
                lastLoss = Step(rows, targets, batch, workers, optimizer);
            }
            var loss = new EpochLoss(epoch, lastLoss, held == 0 ? null : Loss(validation.Select(i => rows[i]).ToList(), validation.Select(i => targets[i]).ToList()));
            losses.Add(loss);
            progress?.Report(loss);
        }
        return losses;
    }

    /// <summary>Mean squared error over <paramref name="rows"/>.</summary>
    public double Loss(IReadOnlyList<SparseRow> rows, IReadOnlyList<float> targets)
    {
        var workspace = new Workspace(sizes);
        double sum = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            double error = Forward(rows[i], workspace) - targets[i];
            sum += error * error;
        }
        return sum / rows.Count;
    }

    /// <summary>
    /// The gradient of the batch's MSE with respect to every weight and bias (layer by layer, weights then biases), for
    /// checking against finite differences.
    /// </summary>
    public (float[][] Weights, float[][] Biases) Gradients(IReadOnlyList<SparseRow> rows, IReadOnlyList<float> targets)
    {
        var worker = new Worker(sizes);
        for (int i = 0; i < rows.Count; i++) worker.Accumulate(this, rows[i], targets[i], 2f / rows.Count);
        return (worker.WeightGradients, worker.BiasGradients);
    }

    /// <summary>The parameters themselves (weights, then biases, per layer), for tests that nudge one.</summary>
    public (float[][] Weights, float[][] Biases) Parameters => (weights, biases);

    // One Adam step on a batch: rows spread over the workers, their gradients summed into the first, then the update.
    private double Step(IReadOnlyList<SparseRow> rows, IReadOnlyList<float> targets, ReadOnlyMemory<int> batch, Worker[] workers, Adam optimizer)
    {
        int used = Math.Min(workers.Length, batch.Length);
        float scale = 2f / batch.Length; // d(mean of squared errors)/d(output)
        var losses = new double[used];
        Parallel.For(0, used, new ParallelOptions { MaxDegreeOfParallelism = used }, w =>
        {
            var span = batch.Span;
            for (int i = w; i < span.Length; i += used) losses[w] += workers[w].Accumulate(this, rows[span[i]], targets[span[i]], scale);
        });
        var total = workers[0];
        for (int w = 1; w < used; w++) total.Absorb(workers[w]);
        optimizer.Step(total.WeightGradients, total.BiasGradients);
        total.Clear();
        return losses.Sum() / batch.Length;
    }

    private float Forward(SparseRow row, Workspace work)
    {
        int layers = weights.Length;
        for (int l = 0; l < layers; l++)
        {
            int width = sizes[l + 1];
            var z = work.PreActivations[l];
            biases[l].CopyTo(z, 0);
            if (l == 0)
                for (int k = 0; k < row.Indices.Length; k++)
                    TensorPrimitives.MultiplyAdd(weights[0].AsSpan(row.Indices[k] * width, width), row.Values[k], z, z);
            else
            {
                var input = work.Activations[l - 1];
                for (int i = 0; i < input.Length; i++)
                    if (input[i] != 0) TensorPrimitives.MultiplyAdd(weights[l].AsSpan(i * width, width), input[i], z, z);
            }
            if (l < layers - 1) TensorPrimitives.Max(z, 0f, work.Activations[l]);
        }
        return work.PreActivations[layers - 1][0];
    }

    /// <summary>Per-row buffers: every layer's pre-activations and (hidden layers') activations.</summary>
    private sealed class Workspace(int[] sizes)
    {
        public float[][] PreActivations { get; } = sizes.Skip(1).Select(n => new float[n]).ToArray();
        public float[][] Activations { get; } = sizes.Skip(1).Select(n => new float[n]).ToArray();
        public float[][] Deltas { get; } = sizes.Skip(1).Select(n => new float[n]).ToArray();
    }

    /// <summary>One core's gradient buffers; the first layer's touched rows are tracked so that only they are summed and cleared.</summary>
    private sealed class Worker
    {
        private readonly int[] sizes;
        private readonly Workspace work;
        private readonly bool[] touched;
        private readonly List<int> touchedRows = [];

        public Worker(int[] sizes)
        {
            this.sizes = sizes;
            work = new Workspace(sizes);
            WeightGradients = Enumerable.Range(0, sizes.Length - 1).Select(l => new float[sizes[l] * sizes[l + 1]]).ToArray();
            BiasGradients = sizes.Skip(1).Select(n => new float[n]).ToArray();
            touched = new bool[sizes[0]];
        }

        public float[][] WeightGradients { get; }
        public float[][] BiasGradients { get; }

        /// <summary>Adds one row's gradient, scaled by <paramref name="scale"/> × (output − target); returns its squared error.</summary>
        public double Accumulate(PriceNetwork network, SparseRow row, float target, float scale)
        {
            float output = network.Forward(row, work);
            float error = output - target;
            int last = sizes.Length - 2;
            work.Deltas[last][0] = scale * error;
            for (int l = last; l >= 0; l--)
            {
                int width = sizes[l + 1];
                var delta = work.Deltas[l];
                TensorPrimitives.Add(BiasGradients[l], delta, BiasGradients[l]);
                if (l == 0)
                {
                    for (int k = 0; k < row.Indices.Length; k++)
                    {
                        int r = row.Indices[k];
                        var gradient = WeightGradients[0].AsSpan(r * width, width);
                        TensorPrimitives.MultiplyAdd(delta, row.Values[k], gradient, gradient);
                        if (!touched[r]) { touched[r] = true; touchedRows.Add(r); }
                    }
                    break;
                }
                var input = work.Activations[l - 1];
                var below = work.Deltas[l - 1];
                var weights = network.weights[l];
                for (int i = 0; i < input.Length; i++)
                {
                    if (input[i] != 0)
                    {
                        var gradient = WeightGradients[l].AsSpan(i * width, width);
                        TensorPrimitives.MultiplyAdd(delta, input[i], gradient, gradient);
                    }
                    // ReLU passes the gradient only where the unit was active (input > 0).
                    below[i] = input[i] > 0 ? TensorPrimitives.Dot(weights.AsSpan(i * width, width), delta) : 0;
                }
            }
            return (double)error * error;
        }

        /// <summary>Adds another worker's gradients into this one's and clears the other's.</summary>
        public void Absorb(Worker other)
        {
            int width = sizes[1];
            foreach (int r in other.touchedRows)
            {
                var mine = WeightGradients[0].AsSpan(r * width, width);
                var theirs = other.WeightGradients[0].AsSpan(r * width, width);
                TensorPrimitives.Add(mine, theirs, mine);
                if (!touched[r]) { touched[r] = true; touchedRows.Add(r); }
            }
            for (int l = 1; l < WeightGradients.Length; l++) TensorPrimitives.Add(WeightGradients[l], other.WeightGradients[l], WeightGradients[l]);
            for (int l = 0; l < BiasGradients.Length; l++) TensorPrimitives.Add(BiasGradients[l], other.BiasGradients[l], BiasGradients[l]);
            other.Clear();
        }

        public void Clear()
        {
            int width = sizes[1];
            foreach (int r in touchedRows)
            {
                WeightGradients[0].AsSpan(r * width, width).Clear();
                touched[r] = false;
            }
            touchedRows.Clear();
            for (int l = 1; l < WeightGradients.Length; l++) Array.Clear(WeightGradients[l]);
            foreach (var b in BiasGradients) Array.Clear(b);
        }
    }

    /// <summary>
    /// PyTorch's Adam (β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay). Every parameter is updated each step, the first
    /// layer's untouched rows included (their moments decay and keep moving them, as in PyTorch's dense Adam); the
    /// update runs in chunks on the training's cores.
    /// </summary>
    private sealed class Adam
    {
        private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;
        private const int Chunk = 1 << 14;
        private readonly float[][] parameters;
        private readonly float[][] first;
        private readonly float[][] second;
        private readonly float rate;
        private readonly int threads;
        private readonly (int Index, int Start)[] chunks;
        private int step;

        public Adam(float[][] weights, float[][] biases, float rate, int threads)
        {
            this.threads = threads;
            parameters = [.. weights, .. biases];
            first = parameters.Select(p => new float[p.Length]).ToArray();
            second = parameters.Select(p => new float[p.Length]).ToArray();
            this.rate = rate;
            chunks = parameters.SelectMany((p, index) => Enumerable.Range(0, (p.Length + Chunk - 1) / Chunk).Select(c => (index, c * Chunk))).ToArray();
        }

        public void Step(float[][] weightGradients, float[][] biasGradients)
        {
            step++;
            float[][] gradients = [.. weightGradients, .. biasGradients];
            float correction1 = 1 - MathF.Pow(Beta1, step), correction2 = 1 - MathF.Pow(Beta2, step);
            float stepSize = rate / correction1;
            float rootCorrection2 = MathF.Sqrt(correction2);
            Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new float[Chunk], (chunk, _, scratch) =>
            {
                var (index, start) = chunk;
                int length = Math.Min(Chunk, parameters[index].Length - start);
                var g = gradients[index].AsSpan(start, length);
                var m = first[index].AsSpan(start, length);
                var v = second[index].AsSpan(start, length);
                var p = parameters[index].AsSpan(start, length);
                var t = scratch.AsSpan(0, length);
                TensorPrimitives.Multiply(m, Beta1, m);
                TensorPrimitives.MultiplyAdd(g, 1 - Beta1, m, m);           // m = β₁m + (1−β₁)g
                TensorPrimitives.Multiply(g, g, t);
                TensorPrimitives.Multiply(v, Beta2, v);
                TensorPrimitives.MultiplyAdd(t, 1 - Beta2, v, v);           // v = β₂v + (1−β₂)g²
                TensorPrimitives.Sqrt(v, t);
                TensorPrimitives.Divide(t, rootCorrection2, t);
                TensorPrimitives.Add(t, Epsilon, t);                          // √v̂ + ε, as torch's _single_tensor_adam
                TensorPrimitives.Divide(m, t, t);
                TensorPrimitives.MultiplyAdd(t, -stepSize, p, p);           // p −= lr/(1−β₁ᵗ) · m / (√v̂ + ε)
                return scratch;
            }, _ => { });
        }
    }
}
