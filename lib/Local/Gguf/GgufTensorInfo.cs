namespace PricerLib.Local.Gguf;

/// <summary>One tensor's entry in a GGUF file's header.</summary>
/// <param name="Name">e.g. <c>blk.0.attn_q.weight</c>.</param>
/// <param name="Shape">ggml's <c>ne</c>: the fastest-varying dimension first (a PyTorch [out, in] weight is [in, out] here).</param>
/// <param name="Type">Element type.</param>
/// <param name="Offset">Byte offset of its data from the start of the file's data section.</param>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Shape, GgmlType Type, ulong Offset)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes of data; null for a type this reader does not know.</summary>
    public long? ByteSize => GgmlTypes.ByteSize(Type, ElementCount);

    /// <summary>The shape as ggml prints it, e.g. <c>[64, 512]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
