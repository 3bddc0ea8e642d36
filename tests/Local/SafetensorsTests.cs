using PricerLib.Local;
using PricerLib.Local.Safetensors;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

public sealed class SafetensorsTests
{
    [Fact]
    public void Float_tensors_round_trip_in_each_encoding()
    {
        using var dir = new TempDir();
        var path = dir.File("model.safetensors");
        float[] values = [1f, -2.5f, 0.125f, 3f, 100f, -0.5f];
        SafetensorsWriter.Write(path, new Dictionary<string, SafetensorsWriter.Tensor>
        {
            ["a.f32"] = new([2, 3], values),
            ["b.f16"] = new([3, 2], values, FloatEncoding.F16),
            ["c.bf16"] = new([6], values, FloatEncoding.BF16),
        }, new Dictionary<string, string> { ["format"] = "pt" });

        var file = SafetensorsFile.Read(path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal([2L, 3L], file.Tensors["a.f32"].Shape);
        Assert.Equal("F16", file.Tensors["b.f16"].DType);
        foreach (var name in file.Tensors.Keys) Assert.Equal(values, file.ReadFloats(name));
    }

    [Fact]
    public void Bfloat16_rounds_to_nearest_even_like_PyTorch()
    {
        // 1 + 2^-8 lies halfway between two bfloat16 values: ties go to the even one (1.0); just above goes up.
        float tie = 1f + MathF.Pow(2, -8), above = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(tie) + 1);
        var decoded = FloatCodec.ToFloats(FloatCodec.ToBytes([tie, above], FloatEncoding.BF16), FloatEncoding.BF16);
        Assert.Equal([1f, 1f + MathF.Pow(2, -7)], decoded);
    }

    [Fact]
    public void Foreign_truncated_and_unsupported_files_get_clear_errors()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("text.safetensors"), "hello, this is not a tensor file");
        Assert.Throws<ModelFileFormatException>(() => SafetensorsFile.Read(dir.File("text.safetensors")));

        var path = dir.File("ok.safetensors");
        SafetensorsWriter.Write(path, new Dictionary<string, SafetensorsWriter.Tensor> { ["w"] = new([4], [1f, 2f, 3f, 4f]) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(dir.File("cut.safetensors"), bytes[..^4]);
        Assert.Contains("outside the file", Assert.Throws<ModelFileFormatException>(() => SafetensorsFile.Read(dir.File("cut.safetensors"))).Message);

        File.WriteAllBytes(dir.File("i32.safetensors"), Replace(bytes, "\"F32\"", "\"I32\""));
        var e = Assert.Throws<LocalModelException>(() => SafetensorsFile.Read(dir.File("i32.safetensors")).ReadFloats("w"));
        Assert.Contains("only F32, F16 and BF16", e.Message);
    }

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        return System.Text.Encoding.Latin1.GetBytes(text.Replace(from, to));
    }
}
