using System.Text;

namespace PricerLib.Local.Gguf;

/// <summary>
/// The header of a GGUF file (v2 or v3): metadata with its stored types, tensor infos, alignment and where the data
/// section starts; tensor data is read on demand. Hand-written because no .NET package reads GGUF headers (LLamaSharp
/// exposes metadata only as strings after llama.cpp has loaded the file, which for a bad file is too late).
/// </summary>
public sealed class GgufFile
{
    /// <summary>The four bytes every GGUF file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "GGUF"u8;

    /// <summary>The alignment of the data section when <c>general.alignment</c> is absent.</summary>
    public const int DefaultAlignment = 32;

    private GgufFile(string path, uint version, IReadOnlyDictionary<string, GgufValue> metadata,
        IReadOnlyList<GgufTensorInfo> tensors, int alignment, long dataOffset)
    {
        Path = path;
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
        Alignment = alignment;
        DataOffset = dataOffset;
        TensorsByName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }
    /// <summary>Format version (2 or 3).</summary>
    public uint Version { get; }
    /// <summary>Metadata in file order.</summary>
    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }
    /// <summary>Tensor infos in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }
    /// <summary>Tensor infos by name.</summary>
    public IReadOnlyDictionary<string, GgufTensorInfo> TensorsByName { get; }
    /// <summary>Alignment of the data section and of each tensor's offset.</summary>
    public int Alignment { get; }
    /// <summary>Absolute file offset of the data section.</summary>
    public long DataOffset { get; }

    /// <summary><c>general.architecture</c>, or null.</summary>
    public string? Architecture => GetString("general.architecture");

    /// <summary>True when the file exists and starts with the GGUF magic.</summary>
    public static bool HasMagic(string path)
    {
        if (!File.Exists(path)) return false;
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual(Magic);
    }

    /// <summary>Reads the header of <paramref name="path"/>.</summary>
    /// <exception cref="LocalModelException">The file is missing or is not GGUF.</exception>
    /// <exception cref="ModelFileFormatException">It is truncated or breaks the format.</exception>
    public static GgufFile Read(string path)
    {
        if (!File.Exists(path)) throw new LocalModelException($"{path} does not exist.");
        if (!HasMagic(path)) throw new LocalModelException($"{path} is not a GGUF file (it does not start with 'GGUF').");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return new HeaderReader(stream, path).Read();
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFileFormatException($"{path} is truncated: its GGUF header ends early.", e);
        }
    }

    /// <summary>A string metadata value, or null when absent or of another type.</summary>
    public string? GetString(string key) =>
        Metadata.TryGetValue(key, out var v) && v.Type == GgufValueType.String ? (string)v.Value : null;

    /// <summary>An integer metadata value of any integer type, or null.</summary>
    public long? GetInteger(string key) => Metadata.TryGetValue(key, out var v) ? v.AsInteger() : null;

    /// <summary>The raw bytes of a tensor's data.</summary>
    public byte[] ReadBytes(GgufTensorInfo tensor)
    {
        long size = tensor.ByteSize ?? throw new LocalModelException($"{Path}: tensor {tensor.Name} has type {tensor.Type}, which this reader cannot size.");
        using var stream = File.OpenRead(Path);
        long start = DataOffset + (long)tensor.Offset;
        if (start + size > stream.Length)
            throw new ModelFileFormatException($"{Path} is truncated: tensor {tensor.Name} ends past the end of the file.");
        var bytes = new byte[size];
        stream.Position = start;
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>A float tensor's values (F32, F16 or BF16) in storage order, as floats.</summary>
    public float[] ReadFloats(string name)
    {
        if (!TensorsByName.TryGetValue(name, out var tensor)) throw new LocalModelException($"{Path} has no tensor {name}.");
        if (!GgmlTypes.IsFloat(tensor.Type)) throw new LocalModelException($"{Path}: tensor {name} is {tensor.Type}, not a float type.");
        return FloatCodec.ToFloats(ReadBytes(tensor), tensor.Type switch
        {
            GgmlType.F32 => FloatEncoding.F32,
            GgmlType.F16 => FloatEncoding.F16,
            _ => FloatEncoding.BF16,
        });
    }

    /// <summary>Reads the header fields in order, with sanity bounds so a corrupt count fails instead of allocating.</summary>
    private sealed class HeaderReader(FileStream stream, string path)
    {
        private readonly BinaryReader reader = new(stream, Encoding.UTF8, leaveOpen: true);

        public GgufFile Read()
        {
            reader.ReadUInt32(); // magic, checked already
            uint version = reader.ReadUInt32();
            if (version is not (2 or 3))
                throw new ModelFileFormatException($"{path} is GGUF version {version}; only versions 2 and 3 are read.");
            long tensorCount = Count(reader.ReadUInt64(), "tensor count");
            long kvCount = Count(reader.ReadUInt64(), "metadata count");

            var metadata = new Dictionary<string, GgufValue>(StringComparer.Ordinal);
            for (long i = 0; i < kvCount; i++)
            {
                string key = ReadString();
                var type = ReadType();
                metadata[key] = ReadValue(type);
            }
            var tensors = new List<GgufTensorInfo>();
            for (long i = 0; i < tensorCount; i++)
                tensors.Add(ReadTensorInfo());

            int alignment = metadata.TryGetValue("general.alignment", out var a) && a.AsInteger() is { } al ? (int)al : DefaultAlignment;
            if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
                throw new ModelFileFormatException($"{path}: general.alignment {alignment} is not a power of two.");
            long dataOffset = AlignUp(stream.Position, alignment);
            foreach (var t in tensors)
                if (t.Offset % (ulong)alignment != 0)
                    throw new ModelFileFormatException($"{path}: tensor {t.Name}'s offset {t.Offset} is not aligned to {alignment}.");
            return new GgufFile(path, version, metadata, tensors, alignment, dataOffset);
        }

        private GgufTensorInfo ReadTensorInfo()
        {
            string name = ReadString();
            uint dims = reader.ReadUInt32();
            if (dims is 0 or > 4) throw new ModelFileFormatException($"{path}: tensor {name} has {dims} dimensions (1–4 expected).");
            var shape = new long[dims];
            for (int d = 0; d < dims; d++) shape[d] = Count(reader.ReadUInt64(), $"dimension of {name}");
            var type = (GgmlType)reader.ReadUInt32();
            ulong offset = reader.ReadUInt64();
            return new GgufTensorInfo(name, shape, type, offset);
        }

        private GgufValueType ReadType()
        {
            uint tag = reader.ReadUInt32();
            if (tag > (uint)GgufValueType.Float64) throw new ModelFileFormatException($"{path}: unknown metadata value type {tag}.");
            return (GgufValueType)tag;
        }

        private GgufValue ReadValue(GgufValueType type)
        {
            if (type != GgufValueType.Array) return new GgufValue(type, ReadScalar(type));
            var elementType = ReadType();
            if (elementType == GgufValueType.Array) throw new ModelFileFormatException($"{path}: nested metadata arrays are not supported.");
            long count = Count(reader.ReadUInt64(), "array length");
            var values = new object[count];
            for (long i = 0; i < count; i++) values[i] = ReadScalar(elementType);
            return GgufValue.Array(elementType, values);
        }

        private object ReadScalar(GgufValueType type) => type switch
        {
            GgufValueType.UInt8 => reader.ReadByte(),
            GgufValueType.Int8 => reader.ReadSByte(),
            GgufValueType.UInt16 => reader.ReadUInt16(),
            GgufValueType.Int16 => reader.ReadInt16(),
            GgufValueType.UInt32 => reader.ReadUInt32(),
            GgufValueType.Int32 => reader.ReadInt32(),
            GgufValueType.Float32 => reader.ReadSingle(),
            GgufValueType.Bool => reader.ReadByte() != 0,
            GgufValueType.String => ReadString(),
            GgufValueType.UInt64 => reader.ReadUInt64(),
            GgufValueType.Int64 => reader.ReadInt64(),
            GgufValueType.Float64 => reader.ReadDouble(),
            _ => throw new ModelFileFormatException($"{path}: unexpected metadata value type {type}."),
        };

        private string ReadString()
        {
            long length = Count(reader.ReadUInt64(), "string length");
            var bytes = reader.ReadBytes((int)length);
            if (bytes.Length != length) throw new EndOfStreamException();
            return Encoding.UTF8.GetString(bytes);
        }

        // Nothing in a valid file counts more items than the file has bytes.
        private long Count(ulong value, string what) =>
            value <= (ulong)stream.Length ? (long)value : throw new ModelFileFormatException($"{path}: {what} {value} is larger than the file.");
    }

    internal static long AlignUp(long offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}
