using PricerLib.Local;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;

namespace PricerLib.Tests.Local;

/// <summary>
/// A Llama forward pass written out by hand in the Hugging Face layout: q and k rows un-permuted from the GGUF file,
/// rotate-half RoPE, grouped-query attention, SwiGLU, RMSNorm, with PEFT's LoRA delta (alpha/r)·B·A added to any
/// weight. Independent of llama.cpp, so comparing the two checks the conversion's q/k permutation.
/// </summary>
internal sealed class ReferenceLlama
{
    private readonly GgufFile gguf;
    private readonly LlamaShape shape;
    private readonly Dictionary<string, float[]> deltas;
    private readonly float eps;
    private readonly double ropeBase;

    /// <param name="gguf">The base model.</param>
    /// <param name="deltas">Hugging Face layout deltas by GGUF base tensor name, row-major [out, in].</param>
    public ReferenceLlama(GgufFile gguf, Dictionary<string, float[]> deltas)
    {
        this.gguf = gguf;
        shape = LlamaShape.Of(gguf);
        this.deltas = deltas;
        eps = Convert.ToSingle(gguf.Metadata["llama.attention.layer_norm_rms_epsilon"].Value);
        ropeBase = gguf.Metadata.TryGetValue("llama.rope.freq_base", out var b) ? Convert.ToDouble(b.Value) : 10000;
    }

    /// <summary>PEFT's delta (alpha/r)·B·A, row-major [out, in].</summary>
    public static float[] Delta(float[] a, float[] b, int rank, int nIn, int nOut, float alpha)
    {
        var delta = new float[nOut * nIn];
        for (int o = 0; o < nOut; o++)
            for (int i = 0; i < nIn; i++)
            {
                double sum = 0;
                for (int r = 0; r < rank; r++) sum += b[o * rank + r] * a[r * nIn + i];
                delta[o * nIn + i] = (float)(sum * alpha / rank);
            }
        return delta;
    }

    /// <summary>The logits after the last of <paramref name="tokens"/>.</summary>
    public double[] LastLogits(IReadOnlyList<int> tokens)
    {
        int n = shape.Embedding, heads = shape.Heads, kvHeads = shape.KvHeads, d = n / heads, steps = tokens.Count;
        var embeddings = gguf.ReadFloats("token_embd.weight");
        var x = tokens.Select(t => embeddings.AsSpan(t * n, n).ToArray().Select(v => (double)v).ToArray()).ToArray();
        for (int layer = 0; layer < shape.Layers; layer++)
        {
            string p = $"blk.{layer}.";
            var wq = Weight(p + "attn_q.weight", heads);
            var wk = Weight(p + "attn_k.weight", kvHeads);
            var wv = Weight(p + "attn_v.weight");
            var wo = Weight(p + "attn_output.weight");
            var q = new double[steps][]; var k = new double[steps][]; var v = new double[steps][];
            for (int t = 0; t < steps; t++)
            {
                var h = RmsNorm(x[t], p + "attn_norm.weight");
                (q[t], k[t], v[t]) = (Rope(MatVec(wq, h), t, d), Rope(MatVec(wk, h), t, d), MatVec(wv, h));
            }
            for (int t = 0; t < steps; t++)
            {
                var attended = new double[n];
                for (int head = 0; head < heads; head++)
                {
                    int kvHead = head / (heads / kvHeads);
                    var scores = Enumerable.Range(0, t + 1).Select(s =>
                        Enumerable.Range(0, d).Sum(i => q[t][head * d + i] * k[s][kvHead * d + i]) / Math.Sqrt(d)).ToArray();
                    double max = scores.Max(), total = scores.Sum(s => Math.Exp(s - max));
                    for (int s = 0; s <= t; s++)
                        for (int i = 0; i < d; i++)
                            attended[head * d + i] += Math.Exp(scores[s] - max) / total * v[s][kvHead * d + i];
                }
                Add(x[t], MatVec(wo, attended));
            }
            var gate = Weight(p + "ffn_gate.weight");
            var up = Weight(p + "ffn_up.weight");
            var down = Weight(p + "ffn_down.weight");
            for (int t = 0; t < steps; t++)
            {
                var h = RmsNorm(x[t], p + "ffn_norm.weight");
                var g = MatVec(gate, h);
                var u = MatVec(up, h);
                Add(x[t], MatVec(down, g.Select((gi, i) => gi / (1 + Math.Exp(-gi)) * u[i]).ToArray()));
            }
        }
        return MatVec(Weight("output.weight"), RmsNorm(x[^1], "output_norm.weight"));
    }

    // A weight as [out][in] in the Hugging Face layout, with its delta.
    private double[][] Weight(string name, int? ropeHeads = null)
    {
        var info = gguf.TensorsByName[name];
        int nIn = (int)info.Shape[0], nOut = (int)info.Shape[1];
        var values = gguf.ReadFloats(name);
        if (ropeHeads is { } h) values = RopePermutation.Unpermute(values, nOut, nIn, h);
        if (deltas.TryGetValue(name, out var delta)) values = values.Zip(delta, (w, dw) => w + dw).ToArray();
        return Enumerable.Range(0, nOut).Select(o => values.AsSpan(o * nIn, nIn).ToArray().Select(v => (double)v).ToArray()).ToArray();
    }

    private double[] RmsNorm(double[] x, string weight)
    {
        var w = gguf.ReadFloats(weight);
        double scale = 1 / Math.Sqrt(x.Sum(v => v * v) / x.Length + eps);
        return x.Select((v, i) => v * scale * w[i]).ToArray();
    }

    // Hugging Face's rotate-half RoPE on every head of size d: (x1, x2) → (x1·cos − x2·sin, x2·cos + x1·sin).
    private double[] Rope(double[] x, int position, int d)
    {
        var result = (double[])x.Clone();
        for (int start = 0; start < x.Length; start += d)
            for (int i = 0; i < d / 2; i++)
            {
                double angle = position * Math.Pow(ropeBase, -2.0 * i / d);
                double x1 = x[start + i], x2 = x[start + i + d / 2];
                result[start + i] = x1 * Math.Cos(angle) - x2 * Math.Sin(angle);
                result[start + i + d / 2] = x2 * Math.Cos(angle) + x1 * Math.Sin(angle);
            }
        return result;
    }

    private static double[] MatVec(double[][] w, double[] x) => w.Select(row => row.Select((v, i) => v * x[i]).Sum()).ToArray();

    private static void Add(double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++) x[i] += y[i];
    }
}
