namespace PricerLib.Local.Gguf;

/// <summary>A tensor's element type (ggml's <c>ggml_type</c> numbering, as stored in GGUF tensor infos).</summary>
public enum GgmlType : uint
{
    /// <summary>32-bit float.</summary>
    F32 = 0,
    /// <summary>16-bit IEEE half.</summary>
    F16 = 1,
#pragma warning disable CS1591 // quantisation formats: named as in ggml
    Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9,
    Q2_K = 10, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15,
    I8 = 24, I16 = 25, I32 = 26, I64 = 27, F64 = 28,
#pragma warning restore CS1591
    /// <summary>bfloat16.</summary>
    BF16 = 30,
}

/// <summary>Block layout of the ggml types this reader knows (gguf-py's <c>GGML_QUANT_SIZES</c>).</summary>
public static class GgmlTypes
{
    private static readonly Dictionary<GgmlType, (int BlockSize, int BlockBytes)> Layouts = new()
    {
        [GgmlType.F32] = (1, 4), [GgmlType.F16] = (1, 2), [GgmlType.BF16] = (1, 2), [GgmlType.F64] = (1, 8),
        [GgmlType.I8] = (1, 1), [GgmlType.I16] = (1, 2), [GgmlType.I32] = (1, 4), [GgmlType.I64] = (1, 8),
        [GgmlType.Q4_0] = (32, 18), [GgmlType.Q4_1] = (32, 20), [GgmlType.Q5_0] = (32, 22), [GgmlType.Q5_1] = (32, 24),
        [GgmlType.Q8_0] = (32, 34), [GgmlType.Q8_1] = (32, 36), [GgmlType.Q2_K] = (256, 84), [GgmlType.Q3_K] = (256, 110),
        [GgmlType.Q4_K] = (256, 144), [GgmlType.Q5_K] = (256, 176), [GgmlType.Q6_K] = (256, 210), [GgmlType.Q8_K] = (256, 292),
    };

    /// <summary>Bytes taken by <paramref name="elements"/> values of <paramref name="type"/>; null for a type this reader does not know.</summary>
    public static long? ByteSize(GgmlType type, long elements) =>
        Layouts.TryGetValue(type, out var layout) && elements % layout.BlockSize == 0
            ? elements / layout.BlockSize * layout.BlockBytes
            : null;

    /// <summary>True for the float types whose values <see cref="GgufFile.ReadFloats"/> can return.</summary>
    public static bool IsFloat(GgmlType type) => type is GgmlType.F32 or GgmlType.F16 or GgmlType.BF16;
}
