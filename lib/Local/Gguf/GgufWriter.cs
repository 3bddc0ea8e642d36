using System.Text;

namespace PricerLib.Local.Gguf;

/// <summary>
/// Writes a GGUF v3 file: metadata (with the types given), tensor infos, then each tensor's bytes at an offset aligned
/// to <see cref="GgufFile.DefaultAlignment"/> (the data section itself starts aligned too), as gguf-py's writer does.
/// </summary>
public sealed class GgufWriter
{
    private readonly List<KeyValuePair<string, GgufValue>> metadata = [];
    private readonly List<(string Name, long[] Shape, GgmlType Type, long Length, Action<Stream> WriteData)> tensors = [];

    /// <summary>Adds a metadata entry (keys must be unique).</summary>
    public GgufWriter Add(string key, GgufValue value)
    {
        if (metadata.Any(kv => kv.Key == key)) throw new ArgumentException($"Metadata key {key} added twice.", nameof(key));
        metadata.Add(new(key, value));
        return this;
    }

    /// <summary>Adds a tensor with ggml shape <paramref name="shape"/> (fastest dimension first) and its encoded bytes.</summary>
    public GgufWriter AddTensor(string name, long[] shape, GgmlType type, byte[] data) =>
        AddTensor(name, shape, type, data.Length, stream => stream.Write(data));

    /// <summary>
    /// Adds a tensor whose <paramref name="length"/> bytes <paramref name="writeData"/> writes when the file is written,
    /// so that models larger than memory (an 8B F16 is 16 GB) stream to disk.
    /// </summary>
    public GgufWriter AddTensor(string name, long[] shape, GgmlType type, long length, Action<Stream> writeData)
    {
        long elements = shape.Aggregate(1L, (a, b) => a * b);
        if (GgmlTypes.ByteSize(type, elements) != length)
            throw new ArgumentException($"Tensor {name}: {length} bytes do not hold {elements} values of {type}.", nameof(length));
        if (tensors.Any(t => t.Name == name)) throw new ArgumentException($"Tensor {name} added twice.", nameof(name));
        tensors.Add((name, shape, type, length, writeData));
        return this;
    }

    /// <summary>The file's size once written: header, metadata, tensor infos, data and padding.</summary>
    public long FileLength()
    {
        using var counter = new LengthCountingStream();
        WriteHeader(counter);
        return tensors.Aggregate(counter.Length, (total, t) => GgufFile.AlignUp(total + t.Length, GgufFile.DefaultAlignment));
    }

    /// <summary>Adds a float tensor, encoded as <paramref name="type"/> (F32, F16 or BF16).</summary>
    public GgufWriter AddTensor(string name, long[] shape, GgmlType type, ReadOnlySpan<float> values) =>
        AddTensor(name, shape, type, FloatCodec.ToBytes(values, FloatEncodingOf(type)));

    /// <summary>
    /// Adds a float tensor, encoded as <paramref name="type"/> (F32, F16 or BF16), whose values <paramref name="values"/>
    /// gives when the file is written: one such tensor is in memory at a time, however large the file.
    /// </summary>
    public GgufWriter AddTensor(string name, long[] shape, GgmlType type, Func<float[]> values)
    {
        var encoding = FloatEncodingOf(type);
        return AddTensor(name, shape, type, shape.Aggregate(1L, (a, b) => a * b) * FloatCodec.Width(encoding),
            stream => stream.Write(FloatCodec.ToBytes(values(), encoding)));
    }

    private static FloatEncoding FloatEncodingOf(GgmlType type) => type switch
    {
        GgmlType.F32 => FloatEncoding.F32,
        GgmlType.F16 => FloatEncoding.F16,
        GgmlType.BF16 => FloatEncoding.BF16,
        _ => throw new ArgumentException($"{type} is not a float type.", nameof(type)),
    };

    /// <summary>Writes the file (through a temporary file, so a failure leaves no half-written model).</summary>
    public void Write(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
                Write(stream);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    public void Write(Stream stream)
    {
        WriteHeader(stream);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        foreach (var t in tensors)
        {
            long start = stream.Position;
            t.WriteData(stream);
            if (stream.Position - start != t.Length)
                throw new InvalidOperationException($"Tensor {t.Name}: {stream.Position - start} bytes written, {t.Length} announced.");
            Pad(w);
        }
    }

    // Everything before the data section: header, metadata, tensor infos and the padding after them.
    private void WriteHeader(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(GgufFile.Magic);
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        w.Write((ulong)metadata.Count);
        foreach (var (key, value) in metadata)
        {
            WriteString(w, key);
            w.Write((uint)value.Type);
            WriteValue(w, value);
        }
        long offset = 0;
        foreach (var t in tensors)
        {
            WriteString(w, t.Name);
            w.Write((uint)t.Shape.Length);
            foreach (var d in t.Shape) w.Write((ulong)d);
            w.Write((uint)t.Type);
            w.Write((ulong)offset);
            offset = GgufFile.AlignUp(offset + t.Length, GgufFile.DefaultAlignment);
        }
        Pad(w);
    }

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        long position = w.BaseStream.Position;
        w.Write(new byte[GgufFile.AlignUp(position, GgufFile.DefaultAlignment) - position]);
    }

    private static void WriteValue(BinaryWriter w, GgufValue value)
    {
        if (value.Type != GgufValueType.Array)
        {
            WriteScalar(w, value.Type, value.Value);
            return;
        }
        w.Write((uint)value.ElementType!.Value);
        w.Write((ulong)value.Elements.Count);
        foreach (var element in value.Elements) WriteScalar(w, value.ElementType.Value, element);
    }

    private static void WriteScalar(BinaryWriter w, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt8: w.Write(Convert.ToByte(value)); break;
            case GgufValueType.Int8: w.Write(Convert.ToSByte(value)); break;
            case GgufValueType.UInt16: w.Write(Convert.ToUInt16(value)); break;
            case GgufValueType.Int16: w.Write(Convert.ToInt16(value)); break;
            case GgufValueType.UInt32: w.Write(Convert.ToUInt32(value)); break;
            case GgufValueType.Int32: w.Write(Convert.ToInt32(value)); break;
            case GgufValueType.Float32: w.Write(Convert.ToSingle(value)); break;
            case GgufValueType.Bool: w.Write((byte)((bool)value ? 1 : 0)); break;
            case GgufValueType.String: WriteString(w, (string)value); break;
            case GgufValueType.UInt64: w.Write(Convert.ToUInt64(value)); break;
            case GgufValueType.Int64: w.Write(Convert.ToInt64(value)); break;
            case GgufValueType.Float64: w.Write(Convert.ToDouble(value)); break;
            default: throw new ArgumentException($"Cannot write a {type} as a scalar.", nameof(type));
        }
    }

    private static void WriteString(BinaryWriter w, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    // A stream that only counts what is written to it, to size the header without writing it.
    private sealed class LengthCountingStream : Stream
    {
        private long length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
        public override void WriteByte(byte value) => length++;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
