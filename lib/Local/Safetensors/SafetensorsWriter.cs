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

    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is not null) header["__metadata__"] = metadata;
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (tensor.Shape.Aggregate(1L, (a, b) => a * b) != tensor.Values.Length)
                throw new ArgumentException($"Tensor {name}: shape and value count differ.", nameof(tensors));
            var bytes = FloatCodec.ToBytes(tensor.Values, tensor.Encoding);
            header[name] = new { dtype = tensor.Encoding.ToString(), shape = tensor.Shape, data_offsets = new[] { offset, offset + bytes.Length } };
            offset += bytes.Length;
            blobs.Add(bytes);
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        int padded = (json.Length + 7) / 8 * 8;
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var blob in blobs) stream.Write(blob);
    }
}
