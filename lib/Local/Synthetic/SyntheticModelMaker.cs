using System.Diagnostics;
using LLama;
using LLama.Native;
using PricerLib.Local.Gguf;

namespace PricerLib.Local.Synthetic;

/// <summary>What <see cref="SyntheticModelMaker.Make"/> is asked to make.</summary>
/// <param name="Shape">The architecture's hyper-parameters.</param>
/// <param name="Type">F16, or a type the quantiser makes from it.</param>
/// <param name="OutputPath">The GGUF file to write.</param>
/// <param name="TokenizerPath">Meta's Llama 3 <c>tokenizer.model</c>.</param>
/// <param name="Seed">Seeds the weights.</param>
/// <param name="Force">Replace an existing file.</param>
public sealed record SyntheticModelRequest(SyntheticShape Shape, SyntheticModelType Type, string OutputPath, string TokenizerPath,
    int Seed = 42, bool Force = false);

/// <summary>A synthetic model written.</summary>
/// <param name="Path">The file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Parameters">The number of weights.</param>
/// <param name="Seconds">How long making it took (weights, writing and quantising).</param>
public sealed record SyntheticModel(string Path, long Bytes, long Parameters, double Seconds);

/// <summary>
/// Makes a GGUF v3 model of a real Llama 3.x shape with seeded random weights, as llama.cpp's
/// <c>convert_hf_to_gguf.py --outtype f16</c> would write the real one (its metadata keys, tensor names and layout, the
/// rope_freqs tensor, Llama 3's tokenizer), then quantises it with llama.cpp's own quantiser where the type asks. Its
/// speed is a real model's (throughput does not depend on the values); its outputs mean nothing, and its
/// <c>general.name</c>, <c>general.description</c> and <see cref="SyntheticModels.ShapeKey"/> say so.
/// </summary>
public static class SyntheticModelMaker
{
    // Hugging Face's initializer_range for Llama: the weights' spread, so activations stay those of an untrained model.
    private const float WeightDeviation = 0.02f;

    // The logits' spread the output norm's gain aims for: peaked enough that the top tokens are well apart (as a
    // trained model's are), so that two engines' top-3 lists can be compared.
    private const float LogitDeviation = 8f;

    /// <summary>Makes the model; on failure or cancellation nothing is left at the output path or beside it.</summary>
    /// <exception cref="SyntheticModelException">The file exists (without Force), too little disk, or the quantiser failed.</exception>
    /// <exception cref="Tokenization.TokenizerLoadException">The tokenizer file is missing or not Llama 3's.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (e.g. Ctrl-C).</exception>
    public static SyntheticModel Make(SyntheticModelRequest request, CancellationToken cancellationToken = default)
    {
        var output = Path.GetFullPath(request.OutputPath);
        if (File.Exists(output) && !request.Force)
            throw new SyntheticModelException($"{output} exists; pass --force to replace it.");
        if (Directory.Exists(output)) throw new SyntheticModelException($"{output} is a folder; give a file name.");
        var clock = Stopwatch.StartNew();
        var vocabulary = Llama3GgufVocabulary.FromTiktokenFile(request.TokenizerPath);
        var writer = Describe(request, vocabulary, cancellationToken);
        long f16Bytes = writer.FileLength();
        RequireDisk(output, f16Bytes + (request.Type.IsQuantised ? (long)(request.Shape.ParameterCount * request.Type.BytesPerWeight) : 0));

        if (!request.Type.IsQuantised) writer.Write(output);
        else
        {
            var intermediate = output + ".f16.partial";
            try
            {
                writer.Write(intermediate);
                Quantise(intermediate, output, request.Type, cancellationToken);
            }
            finally
            {
                File.Delete(intermediate);
            }
        }
        return new SyntheticModel(output, new FileInfo(output).Length, request.Shape.ParameterCount, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The F16 model's metadata and tensors (whose bytes are made as the file is written).</summary>
    private static GgufWriter Describe(SyntheticModelRequest request, Llama3GgufVocabulary vocabulary, CancellationToken ct)
    {
        var s = request.Shape;
        var writer = new GgufWriter();
        GgufValue U32(int value) => GgufValue.UInt32((uint)value);
        writer.Add("general.architecture", GgufValue.String("llama"))
            .Add("general.type", GgufValue.String("model"))
            .Add("general.name", GgufValue.String($"SYNTHETIC {s.Name} (random weights)"))
            .Add("general.description", GgufValue.String(
                $"Synthetic: seeded random weights (seed {request.Seed}) in the shape of {s.Source}, made by pricer make-model " +
                "for speed measurements. Not a trained model: its outputs mean nothing."))
            .Add(SyntheticModels.ShapeKey, GgufValue.String(s.Name))
            .Add(SyntheticModels.SeedKey, U32(request.Seed))
            .Add("llama.block_count", U32(s.Layers))
            .Add("llama.context_length", U32(s.ContextLength))
            .Add("llama.embedding_length", U32(s.Embedding))
            .Add("llama.feed_forward_length", U32(s.FeedForward))
            .Add("llama.attention.head_count", U32(s.Heads))
            .Add("llama.attention.head_count_kv", U32(s.KvHeads))
            .Add("llama.rope.freq_base", GgufValue.Float32(s.RopeTheta))
            .Add("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(s.RmsEpsilon))
            .Add("llama.attention.key_length", U32(s.HeadDim))
            .Add("llama.attention.value_length", U32(s.HeadDim))
            .Add("general.file_type", U32((int)SyntheticModelType.F16.FileType))
            .Add("llama.vocab_size", U32(s.VocabularySize))
            .Add("llama.rope.dimension_count", U32(s.HeadDim))
            .Add("tokenizer.ggml.model", GgufValue.String("gpt2"))
            .Add("tokenizer.ggml.pre", GgufValue.String("llama-bpe"))
            .Add("tokenizer.ggml.tokens", GgufValue.Array(GgufValueType.String, [.. vocabulary.Tokens]))
            .Add("tokenizer.ggml.token_type", GgufValue.Array(GgufValueType.Int32, [.. vocabulary.TokenTypes.Cast<object>()]))
            .Add("tokenizer.ggml.merges", GgufValue.Array(GgufValueType.String, [.. vocabulary.Merges]))
            .Add("tokenizer.ggml.bos_token_id", U32(Llama3GgufVocabulary.BeginOfText))
            .Add("tokenizer.ggml.eos_token_id", U32(Llama3GgufVocabulary.EndOfText))
            .Add("tokenizer.ggml.add_bos_token", new GgufValue(GgufValueType.Bool, true));

        // Tensors in the converter's order: its extra rope_freqs first, then the checkpoint's (embeddings, layers, norm, head).
        var factors = s.RopeScaling.Factors(s.HeadDim, s.RopeTheta);
        writer.AddTensor("rope_freqs.weight", [factors.Length], GgmlType.F32, factors);
        void Matrix(string name, long inputs, long outputs) =>
            writer.AddTensor(name, [inputs, outputs], GgmlType.F16, 2 * inputs * outputs,
                stream => SeededWeights.Write(stream, inputs * outputs, FloatEncoding.F16, request.Seed, name, WeightDeviation, ct));
        void Norm(string name, float gain) =>
            writer.AddTensor(name, [s.Embedding], GgmlType.F32, Enumerable.Repeat(gain, s.Embedding).ToArray());

        Matrix("token_embd.weight", s.Embedding, s.VocabularySize);
        for (int layer = 0; layer < s.Layers; layer++)
        {
            var block = $"blk.{layer}.";
            Norm(block + "attn_norm.weight", 1f);
            Matrix(block + "attn_q.weight", s.Embedding, s.QueryWidth);
            Matrix(block + "attn_k.weight", s.Embedding, s.KvWidth);
            Matrix(block + "attn_v.weight", s.Embedding, s.KvWidth);
            Matrix(block + "attn_output.weight", s.QueryWidth, s.Embedding);
            Norm(block + "ffn_norm.weight", 1f);
            Matrix(block + "ffn_gate.weight", s.Embedding, s.FeedForward);
            Matrix(block + "ffn_up.weight", s.Embedding, s.FeedForward);
            Matrix(block + "ffn_down.weight", s.FeedForward, s.Embedding);
        }
        Norm("output_norm.weight", LogitDeviation / (WeightDeviation * MathF.Sqrt(s.Embedding)));
        if (!s.TiedEmbeddings) Matrix("output.weight", s.Embedding, s.VocabularySize);
        return writer;
    }

    private static void Quantise(string source, string output, SyntheticModelType type, CancellationToken ct)
    {
        var partial = output + ".partial";
        try
        {
            NativeLog.Start();
            NativeApi.llama_empty_call(); // loads llama.cpp: the quantiser's own entry points do not
            // quantizeOutputTensor: true, as llama-quantize does by default (LLamaSharp's default leaves it in F16).
            if (!LLamaQuantizer.Quantize(source, partial, type.FileType, nthread: -1, allowRequantize: false, quantizeOutputTensor: true))
                throw new SyntheticModelException($"llama.cpp's quantiser could not make {type.Name} from {source}.{NativeLog.Tail()}");
            ct.ThrowIfCancellationRequested(); // the native quantiser cannot be interrupted: drop its result instead
            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static void RequireDisk(string output, long bytes)
    {
        var folder = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(folder);
        long free = new DriveInfo(folder).AvailableFreeSpace;
        const long margin = 256L << 20;
        if (free < bytes + margin)
            throw new SyntheticModelException(
                $"Making {Path.GetFileName(output)} needs about {(bytes + margin) / (1 << 20):N0} MiB in {folder} " +
                $"(the F16 file, and the quantised one made from it); {free / (1 << 20):N0} MiB are free.");
    }
}
