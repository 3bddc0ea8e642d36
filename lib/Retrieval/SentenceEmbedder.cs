using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace PricerLib.Retrieval;

/// <summary>
/// Sentence embeddings exactly as sentence-transformers computes them for all-MiniLM-L6-v2: Hugging Face tokenization
/// (<see cref="MiniLmTokenizer"/>, 256 tokens at most), the transformer through ONNX Runtime, mean pooling over the
/// attention mask, L2 normalisation. 384 dimensions.
/// </summary>
/// <remarks>
/// Speed: texts are sorted by token count and batched with their neighbours in length, so a batch pads little (the
/// package's encoder pads each chunk to its longest text). Tokenization is ~1% of the work; the rest is ONNX Runtime.
/// Each batch runs on one ONNX Runtime thread and as many batches run at once as there are cores: measured on a shared
/// 2-core machine, intra-op threads splitting every operator of one batch wait at each operator for the slower core
/// (often descheduled by other processes) and spin while they wait, costing CPU and wall time alike.
/// Padding changes nothing but float rounding (~1e-7): the mask hides padded positions.
/// Thread-safe: ONNX Runtime sessions may be run concurrently.
/// </remarks>
public sealed class SentenceEmbedder : IDisposable
{
    /// <summary>The vector length.</summary>
    public const int Dimensions = 384;

    /// <summary>The longest input in tokens, <c>[CLS]</c> and <c>[SEP]</c> included (sentence-transformers' max_seq_length).</summary>
    public const int MaxTokens = 256;

    /// <summary>Tokens per batch (rows × padded length): big enough to keep the cores busy, small enough for cache.</summary>
    private const int TokensPerBatch = 4096;

    private readonly InferenceSession _session;
    private readonly int _parallelBatches;
    private readonly bool _wantsTokenTypes;
    private readonly string _outputName;

    /// <summary>Loads <paramref name="model"/> (default: <see cref="EmbedderModel.Default"/>) to run <paramref name="threads"/> batches at once (default: one per core).</summary>
    /// <exception cref="EmbedderException">The file is not an ONNX model with BERT's inputs.</exception>
    public SentenceEmbedder(EmbedderModel? model = null, int? threads = null)
    {
        Classical.MlNetNatives.Ensure(); // a notebook host does not probe runtimes/RID/native/ for libonnxruntime
        Model = model ?? EmbedderModel.Default();
        Tokenizer = new MiniLmTokenizer(Model.Vocabulary);
        _parallelBatches = Math.Max(1, threads ?? Environment.ProcessorCount);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1, // parallel over batches instead (see remarks)
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            EnableMemoryPattern = false, // plans buffers for one input shape; every batch here has another
        };
        try
        {
            _session = new InferenceSession(Model.Onnx, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new EmbedderException($"The embedding model ({Model.Sha256[..12]}…) does not load in ONNX Runtime: {e.Message}", e);
        }
        var inputs = _session.InputMetadata.Keys.ToHashSet();
        if (!inputs.Contains("input_ids") || !inputs.Contains("attention_mask"))
        {
            _session.Dispose();
            throw new EmbedderException($"The embedding model's inputs are {string.Join(", ", inputs)}, not BERT's input_ids and attention_mask.");
        }
        _wantsTokenTypes = inputs.Contains("token_type_ids");
        _outputName = _session.OutputMetadata.Keys.First();
    }

    /// <summary>The model files in use.</summary>
    public EmbedderModel Model { get; }

    /// <summary>The tokenizer in use.</summary>
    public MiniLmTokenizer Tokenizer { get; }

    /// <summary>The unit vector of one text.</summary>
    public float[] Embed(string text) => Embed([text])[0];

    /// <summary>The unit vectors of <paramref name="texts"/>, in order.</summary>
    /// <param name="texts">The texts; empty ones are embedded as sentence-transformers does (<c>[CLS] [SEP]</c>).</param>
    /// <param name="progress">Receives the number of texts embedded so far, after each batch.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public float[][] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var ids = new int[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => ids[i] = Tokenizer.Encode(texts[i]));
        var vectors = new float[texts.Count][];
        int done = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = _parallelBatches };
        // No buffering: each worker takes the next batch only when it is free, so the long last batches spread too.
        Parallel.ForEach(Partitioner.Create(LengthBatches(ids), EnumerablePartitionerOptions.NoBuffering), parallel, batch =>
        {
            RunBatch(batch, ids, vectors);
            lock (vectors) progress?.Report(done += batch.Length); // under the lock so the counts arrive in order
        });
        return vectors;
    }

    /// <summary>The token positions the model computes for these token sequences once <see cref="Embed(IReadOnlyList{string}, IProgress{int}?, CancellationToken)"/> pads its batches (for measuring padding waste).</summary>
    public static long PaddedTokens(int[][] ids) => LengthBatches(ids).Sum(batch => (long)batch.Length * ids[batch[^1]].Length);

    /// <summary>The text indices grouped into batches of similar token counts, shortest first.</summary>
    internal static IEnumerable<int[]> LengthBatches(int[][] ids)
    {
        var order = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i].Length).ThenBy(i => i).ToArray();
        int start = 0;
        while (start < order.Length)
        {
            int end = start + 1;
            // Sorted ascending, so the last row is the longest and sets the padded length.
            while (end < order.Length && (end - start + 1) * ids[order[end]].Length <= TokensPerBatch) end++;
            yield return order[start..end];
            start = end;
        }
    }

    private void RunBatch(int[] rows, int[][] ids, float[][] vectors)
    {
        int length = rows.Max(r => ids[r].Length);
        var inputIds = new long[rows.Length * length];
        var mask = new long[rows.Length * length];
        for (int b = 0; b < rows.Length; b++)
        {
            var row = ids[rows[b]];
            for (int t = 0; t < row.Length; t++)
            {
                inputIds[b * length + t] = row[t];
                mask[b * length + t] = 1;
            }
        }
        long[] shape = [rows.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[inputIds.Length], shape);
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue> { idsValue, maskValue };
        if (_wantsTokenTypes)
        {
            names.Add("token_type_ids");
            values.Add(typesValue);
        }
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_outputName]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (int b = 0; b < rows.Length; b++)
            vectors[rows[b]] = MeanPooledUnit(hidden.Slice(b * length * Dimensions, length * Dimensions), ids[rows[b]].Length);
    }

    /// <summary>sentence-transformers' Pooling(mean) then Normalize: the mean of the unmasked token vectors, scaled to length 1.</summary>
    private static float[] MeanPooledUnit(ReadOnlySpan<float> tokens, int unmasked)
    {
        var sum = new float[Dimensions];
        for (int t = 0; t < unmasked; t++) TensorPrimitives.Add(sum, tokens.Slice(t * Dimensions, Dimensions), sum);
        // sentence-transformers divides by the mask count, then F.normalize divides by max(norm, 1e-12).
        TensorPrimitives.Divide(sum, unmasked, sum);
        float norm = MathF.Max(TensorPrimitives.Norm(sum), 1e-12f);
        TensorPrimitives.Divide(sum, norm, sum);
        return sum;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
