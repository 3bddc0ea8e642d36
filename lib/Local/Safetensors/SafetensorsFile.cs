using System.Buffers.Binary;
using System.Text.Json;

namespace PricerLib.Local.Safetensors;

/// <summary>One tensor's entry in a safetensors header.</summary>
/// <param name="Name">e.g. <c>base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight</c>.</param>
/// <param name="DType">safetensors dtype, e.g. <c>F32</c>, <c>F16</c>, <c>BF16</c>.</param>
/// <param name="Shape">PyTorch order (row-major, slowest dimension first): a LoRA A is [r, in].</param>
/// <param name="Begin">Start of its bytes, relative to the data section.</param>
/// <param name="End">End (exclusive).</param>
public sealed record SafetensorsTensor(string Name, string DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// A safetensors file (the format PEFT saves adapters in): an 8-byte little-endian header length, a JSON header of
/// tensor entries, then the data. Reads F32, F16 and BF16 tensors as floats. Hand-written: no .NET package reads it.
/// </summary>
public sealed class SafetensorsFile
{
    private readonly long dataOffset;

    private SafetensorsFile(string path, IReadOnlyDictionary<string, SafetensorsTensor> tensors,
        IReadOnlyDictionary<string, string> metadata, long dataOffset)
    {
        Path = path;
        Tensors = tensors;
        Metadata = metadata;
        this.dataOffset = dataOffset;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }
    /// <summary>Tensor entries by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensor> Tensors { get; }
    /// <summary>The optional <c>__metadata__</c> strings.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads the header of <paramref name="path"/>.</summary>
    /// <exception cref="ModelFileFormatException">Not a safetensors file, or truncated.</exception>
    public static SafetensorsFile Read(string path)
    {
        if (!File.Exists(path)) throw new LocalModelException($"{path} does not exist.");
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
            throw new ModelFileFormatException($"{path} is too short to be a safetensors file.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength == 0 || headerLength > (ulong)stream.Length - 8 || headerLength > 100_000_000)
            throw new ModelFileFormatException($"{path} is not a safetensors file (header length {headerLength}).");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataLength = stream.Length - 8 - (long)headerLength;
        try
        {
            return Parse(path, header, dataLength, 8 + (long)headerLength);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new ModelFileFormatException($"{path} has an invalid safetensors header: {e.Message}", e);
        }
    }

    private static SafetensorsFile Parse(string path, byte[] header, long dataLength, long dataOffset)
    {
        using var document = JsonDocument.Parse(header);
        var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                foreach (var m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            var offsets = entry.Value.GetProperty("data_offsets");
            var tensor = new SafetensorsTensor(entry.Name, entry.Value.GetProperty("dtype").GetString()!,
                entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                offsets[0].GetInt64(), offsets[1].GetInt64());
            if (tensor.Begin < 0 || tensor.End > dataLength || tensor.End < tensor.Begin)
                throw new ModelFileFormatException($"{path}: tensor {tensor.Name}'s bytes lie outside the file (truncated?).");
            if (Encoding(tensor.DType) is { } encoding && tensor.End - tensor.Begin != tensor.ElementCount * FloatCodec.Width(encoding))
                throw new ModelFileFormatException($"{path}: tensor {tensor.Name}'s byte range does not match its shape and dtype.");
            tensors[tensor.Name] = tensor;
        }
        return new SafetensorsFile(path, tensors, metadata, dataOffset);
    }

    /// <summary>A float tensor's values in row-major order.</summary>
    /// <exception cref="LocalModelException">No such tensor, or a dtype other than F32/F16/BF16.</exception>
    public float[] ReadFloats(string name)
    {
        if (!Tensors.TryGetValue(name, out var tensor)) throw new LocalModelException($"{Path} has no tensor {name}.");
        var encoding = Encoding(tensor.DType)
            ?? throw new LocalModelException($"{Path}: tensor {name} is {tensor.DType}; only F32, F16 and BF16 are read.");
        var bytes = new byte[tensor.End - tensor.Begin];
        using var stream = File.OpenRead(Path);
        stream.Position = dataOffset + tensor.Begin;
        stream.ReadExactly(bytes);
        return FloatCodec.ToFloats(bytes, encoding);
    }

    /// <summary>The float encoding of a safetensors dtype; null for dtypes this reader does not convert.</summary>
    public static FloatEncoding? Encoding(string dtype) => dtype switch
    {
        "F32" => FloatEncoding.F32,
        "F16" => FloatEncoding.F16,
        "BF16" => FloatEncoding.BF16,
        _ => null,
    };
}
