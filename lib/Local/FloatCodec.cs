using System.Buffers.Binary;

namespace PricerLib.Local;

/// <summary>The float encodings model files store (little-endian).</summary>
public enum FloatEncoding
{
    /// <summary>IEEE single.</summary>
    F32,
    /// <summary>IEEE half.</summary>
    F16,
    /// <summary>bfloat16: the top 16 bits of a single.</summary>
    BF16,
}

/// <summary>Little-endian float bytes ↔ floats, shared by the GGUF and safetensors readers and writers.</summary>
public static class FloatCodec
{
    /// <summary>Bytes per value.</summary>
    public static int Width(FloatEncoding encoding) => encoding == FloatEncoding.F32 ? 4 : 2;

    /// <summary>Decodes <paramref name="bytes"/>.</summary>
    public static float[] ToFloats(ReadOnlySpan<byte> bytes, FloatEncoding encoding)
    {
        int width = Width(encoding);
        var values = new float[bytes.Length / width];
        for (int i = 0; i < values.Length; i++)
        {
            var b = bytes.Slice(i * width, width);
            values[i] = encoding switch
            {
                FloatEncoding.F32 => BinaryPrimitives.ReadSingleLittleEndian(b),
                FloatEncoding.F16 => (float)BinaryPrimitives.ReadHalfLittleEndian(b),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b) << 16),
            };
        }
        return values;
    }

    /// <summary>Encodes <paramref name="values"/> (F16 rounds to nearest; BF16 rounds to nearest even, as PyTorch does).</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> values, FloatEncoding encoding)
    {
        int width = Width(encoding);
        var bytes = new byte[values.Length * width];
        for (int i = 0; i < values.Length; i++)
        {
            var b = bytes.AsSpan(i * width, width);
            switch (encoding)
            {
                case FloatEncoding.F32: BinaryPrimitives.WriteSingleLittleEndian(b, values[i]); break;
                case FloatEncoding.F16: BinaryPrimitives.WriteHalfLittleEndian(b, (Half)values[i]); break;
                default: BinaryPrimitives.WriteUInt16LittleEndian(b, ToBFloat16(values[i])); break;
            }
        }
        return bytes;
    }

    private static ushort ToBFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x40);
        uint rounding = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }
}
