using System.Buffers.Binary;
using System.Text.Json;

namespace PricerLib.Local.Safetensors;

/// <summary>
/// Writes float tensors as a safetensors file, as PyTorch's <c>save_file</c> lays them out (header padded with spaces
/// to 8 bytes, tensors in name order). Used to make PEFT adapters with known values for tests and notebooks.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>One tensor to write: row-major values with their PyTorch shape.</summary>
    public sealed record Tensor(long[] Shape, float[] Values, FloatEncoding Encoding = FloatEncoding.F32);

    /// <summary>
    /// One tensor whose bytes <paramref name="WriteData"/> writes when the file is written (row-major, in
    /// <paramref name="Encoding"/>), so that files larger than memory stream to disk.
    /// </summary>
    public sealed record StreamedTensor(long[] Shape, FloatEncoding Encoding, Action<Stream> WriteData)
    {
        /// <summary>The tensor's size in bytes.</summary>
        public long Length => Shape.Aggregate(1L, (a, b) => a * b) * FloatCodec.Width(Encoding);
    }

    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        foreach (var (name, tensor) in tensors)
            if (tensor.Shape.Aggregate(1L, (a, b) => a * b) != tensor.Values.Length)
                throw new ArgumentException($"Tensor {name}: shape and value count differ.", nameof(tensors));
        Write(path, tensors.ToDictionary(t => t.Key, t => new StreamedTensor(t.Value.Shape, t.Value.Encoding,
            stream => stream.Write(FloatCodec.ToBytes(t.Value.Values, t.Value.Encoding)))), metadata);
    }

    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/>, each one's bytes as it comes.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, StreamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is not null) header["__metadata__"] = metadata;
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        long offset = 0;
        foreach (var (name, tensor) in ordered)
        {
            header[name] = new { dtype = tensor.Encoding.ToString(), shape = tensor.Shape, data_offsets = new[] { offset, offset + tensor.Length } };
            offset += tensor.Length;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        int padded = (json.Length + 7) / 8 * 8;
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (name, tensor) in ordered)
        {
            long start = stream.Position;
            tensor.WriteData(stream);
            if (stream.Position - start != tensor.Length)
                throw new InvalidOperationException($"Tensor {name}: {stream.Position - start} bytes written, {tensor.Length} announced.");
        }
    }
}
