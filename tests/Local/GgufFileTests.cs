using PricerLib.Local;
using PricerLib.Local.Gguf;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

public sealed class GgufFileTests
{
    [SkippableFact]
    public void Reads_the_header_of_a_real_llama_model()
    {
        var gguf = GgufFile.Read(Shared.StoriesGguf);
        Assert.Equal(3u, gguf.Version);
        Assert.Equal("llama", gguf.Architecture);
        Assert.Equal(5, gguf.GetInteger("llama.block_count"));
        Assert.Equal(64, gguf.GetInteger("llama.embedding_length"));
        Assert.Equal(8, gguf.GetInteger("llama.attention.head_count"));
        Assert.Equal(4, gguf.GetInteger("llama.attention.head_count_kv"));
        var tokens = gguf.Metadata["tokenizer.ggml.tokens"];
        Assert.Equal(GgufValueType.Array, tokens.Type);
        Assert.Equal(GgufValueType.String, tokens.ElementType);
        Assert.Equal(512, tokens.Elements.Count);

        var embeddings = gguf.TensorsByName["token_embd.weight"];
        Assert.Equal([64L, 512L], embeddings.Shape);
        Assert.Equal(GgmlType.F32, embeddings.Type);
        Assert.Equal(0, gguf.DataOffset % gguf.Alignment);
        // The last tensor ends within the file: offsets and sizes are consistent.
        var last = gguf.Tensors.MaxBy(t => t.Offset)!;
        Assert.InRange(gguf.DataOffset + (long)last.Offset + last.ByteSize!.Value, 0, new FileInfo(gguf.Path).Length);
        Assert.Equal(64 * 512, gguf.ReadFloats("token_embd.weight").Length);
    }

    [SkippableFact]
    public void Rewriting_every_key_and_tensor_of_real_models_reproduces_their_bytes()
    {
        foreach (var path in new[] { Shared.StoriesGguf, Shared.TinyRandomGguf })
        {
            var gguf = GgufFile.Read(path);
            var writer = new GgufWriter();
            foreach (var (key, value) in gguf.Metadata) writer.Add(key, value);
            foreach (var t in gguf.Tensors) writer.AddTensor(t.Name, t.Shape.ToArray(), t.Type, gguf.ReadBytes(t));
            using var copy = new MemoryStream();
            writer.Write(copy);
            Assert.Equal(File.ReadAllBytes(path), copy.ToArray());
        }
    }

    [Fact]
    public void Every_metadata_type_and_float_tensor_round_trips()
    {
        using var dir = new TempDir();
        var path = dir.File("all.gguf");
        new GgufWriter()
            .Add("u8", new GgufValue(GgufValueType.UInt8, (byte)200))
            .Add("i8", new GgufValue(GgufValueType.Int8, (sbyte)-100))
            .Add("u16", new GgufValue(GgufValueType.UInt16, (ushort)60000))
            .Add("i16", new GgufValue(GgufValueType.Int16, (short)-30000))
            .Add("u32", GgufValue.UInt32(4_000_000_000))
            .Add("i32", new GgufValue(GgufValueType.Int32, -2_000_000_000))
            .Add("f32", GgufValue.Float32(0.5f))
            .Add("bool", new GgufValue(GgufValueType.Bool, true))
            .Add("string", GgufValue.String("héllo"))
            .Add("u64", new GgufValue(GgufValueType.UInt64, ulong.MaxValue))
            .Add("i64", new GgufValue(GgufValueType.Int64, long.MinValue))
            .Add("f64", new GgufValue(GgufValueType.Float64, Math.PI))
            .Add("strings", GgufValue.Array(GgufValueType.String, ["a", "", "ccc"]))
            .Add("ints", GgufValue.Array(GgufValueType.Int32, [1, -2, 3]))
            .AddTensor("f32", [3, 2], GgmlType.F32, [1f, 2f, 3f, 4f, 5f, -6.25f])
            .AddTensor("f16", [3], GgmlType.F16, [0.5f, -1f, 65504f])
            .AddTensor("bf16", [1, 2], GgmlType.BF16, [1.5f, -2f])
            .Write(path);

        var gguf = GgufFile.Read(path);
        Assert.Equal(14, gguf.Metadata.Count);
        Assert.Equal((byte)200, gguf.Metadata["u8"].Value);
        Assert.Equal((sbyte)-100, gguf.Metadata["i8"].Value);
        Assert.Equal((ushort)60000, gguf.Metadata["u16"].Value);
        Assert.Equal((short)-30000, gguf.Metadata["i16"].Value);
        Assert.Equal(4_000_000_000L, gguf.GetInteger("u32"));
        Assert.Equal(-2_000_000_000L, gguf.GetInteger("i32"));
        Assert.Equal(GgufValue.Float32(0.5f), gguf.Metadata["f32"]);
        Assert.Equal(true, gguf.Metadata["bool"].Value);
        Assert.Equal("héllo", gguf.GetString("string"));
        Assert.Equal(ulong.MaxValue, gguf.Metadata["u64"].Value);
        Assert.Null(gguf.GetInteger("u64"));
        Assert.Equal(long.MinValue, gguf.GetInteger("i64"));
        Assert.Equal(GgufValueType.Float64, gguf.Metadata["f64"].Type);
        Assert.Equal(Math.PI, gguf.Metadata["f64"].Value);
        Assert.Equal(["a", "", "ccc"], gguf.Metadata["strings"].Elements);
        Assert.Equal([1, -2, 3], gguf.Metadata["ints"].Elements);
        Assert.Null(gguf.GetString("u8"));

        Assert.Equal([3L, 2L], gguf.TensorsByName["f32"].Shape);
        Assert.All(gguf.Tensors, t => Assert.Equal(0ul, t.Offset % 32));
        Assert.Equal([1f, 2f, 3f, 4f, 5f, -6.25f], gguf.ReadFloats("f32"));
        Assert.Equal([0.5f, -1f, 65504f], gguf.ReadFloats("f16"));
        Assert.Equal([1.5f, -2f], gguf.ReadFloats("bf16"));
    }

    [Fact]
    public void Missing_foreign_and_truncated_files_get_clear_errors()
    {
        using var dir = new TempDir();
        var missing = Assert.Throws<LocalModelException>(() => GgufFile.Read(dir.File("none.gguf")));
        Assert.Contains("does not exist", missing.Message);

        File.WriteAllText(dir.File("text.gguf"), "not a model at all");
        Assert.Contains("not a GGUF file", Assert.Throws<LocalModelException>(() => GgufFile.Read(dir.File("text.gguf"))).Message);

        var whole = dir.File("whole.gguf");
        new GgufWriter().Add("general.architecture", GgufValue.String("llama")).AddTensor("t", [4], GgmlType.F32, [1f, 2f, 3f, 4f]).Write(whole);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(dir.File("cut.gguf"), bytes[..40]);
        Assert.Contains("truncated", Assert.Throws<ModelFileFormatException>(() => GgufFile.Read(dir.File("cut.gguf"))).Message);
        // The 16 data bytes are padded to 32: cutting 20 cuts into the tensor itself.
        File.WriteAllBytes(dir.File("nodata.gguf"), bytes[..^20]);
        Assert.Contains("truncated", Assert.Throws<ModelFileFormatException>(() => GgufFile.Read(dir.File("nodata.gguf")).ReadFloats("t")).Message);

        bytes[4] = 9; // version 9
        File.WriteAllBytes(dir.File("v9.gguf"), bytes);
        Assert.Contains("version 9", Assert.Throws<ModelFileFormatException>(() => GgufFile.Read(dir.File("v9.gguf"))).Message);
    }
}
