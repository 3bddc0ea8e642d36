namespace PricerLib.Local.Lora;

/// <summary>
/// The row order llama.cpp's Hugging Face → GGUF conversion gives the q and k projections of Llama models: within each
/// head, Hugging Face keeps the two rotary halves apart (rotate-half RoPE: rows 0…d/2-1 then d/2…d-1) while llama.cpp
/// interleaves them (rows 0, d/2, 1, d/2+1, …). gguf-py's <c>permute(w, n_head, n_head_kv)</c> =
/// <c>w.reshape(h, 2, rows/h/2, cols).swapaxes(1, 2).reshape(rows, cols)</c>, with h = n_head for q and n_head_kv for k.
/// A LoRA delta B·A lives in the same output space, so its B gets the same row permutation (A is unchanged).
/// </summary>
public static class RopePermutation
{
    /// <summary>Hugging Face row order → llama.cpp row order, for a row-major [rows, cols] matrix.</summary>
    public static float[] Permute(ReadOnlySpan<float> values, int rows, int cols, int heads) =>
        Reorder(values, rows, cols, heads, toLlamaCpp: true);

    /// <summary>The inverse: llama.cpp row order → Hugging Face row order.</summary>
    public static float[] Unpermute(ReadOnlySpan<float> values, int rows, int cols, int heads) =>
        Reorder(values, rows, cols, heads, toLlamaCpp: false);

    private static float[] Reorder(ReadOnlySpan<float> values, int rows, int cols, int heads, bool toLlamaCpp)
    {
        if (values.Length != (long)rows * cols) throw new ArgumentException($"{values.Length} values are not a {rows}×{cols} matrix.", nameof(values));
        if (heads <= 0 || rows % (2 * heads) != 0)
            throw new LocalModelException($"{rows} rows cannot be split into {heads} heads of two rotary halves.");
        int half = rows / heads / 2;
        var result = new float[values.Length];
        for (int h = 0; h < heads; h++)
            for (int i = 0; i < half; i++)
                for (int j = 0; j < 2; j++)
                {
                    // After swapaxes(1, 2): llama.cpp row (h, i, j) holds Hugging Face row (h, j, i).
                    int llamaRow = h * 2 * half + i * 2 + j;
                    int hfRow = h * 2 * half + j * half + i;
                    var (from, to) = toLlamaCpp ? (hfRow, llamaRow) : (llamaRow, hfRow);
                    values.Slice(from * cols, cols).CopyTo(result.AsSpan(to * cols, cols));
                }
        return result;
    }
}
