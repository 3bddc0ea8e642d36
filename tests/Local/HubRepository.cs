using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;

namespace PricerLib.Tests.Local;

/// <summary>An adapter repository as a local server serves it, laid out as the Hub: <c>{repo}/resolve/{revision}/{file}</c>.</summary>
internal static class HubRepository
{
    public const string Card = "---\nlicense: llama3.1\nbase_model: meta-llama/Meta-Llama-3.1-8B\n---\n# pricer\n";

    /// <summary>A small adapter for <c>stories260K.gguf</c>: r 4, alpha 8 on q_proj and v_proj of layers 0 and 1.</summary>
    public static HubAdapter Tiny(string basePath)
    {
        var model = GgufFile.Read(basePath);
        var widths = new[] { "q_proj", "v_proj" }.ToDictionary(m => m, m =>
        {
            var weight = model.TensorsByName[PeftTensorName.Parse(PeftAdapterWriter.ModulePrefix(0, m) + ".lora_A.weight").BaseTensor];
            return new ModuleWidths(weight.Shape[0], weight.Shape[1]);
        });
        return new HubAdapter("test-owner/tiny-pricer", "0123456789abcdef0123456789abcdef01234567", "a tiny test adapter",
            "Test Licence", "http://licence.example/test", new AdapterShape(4, 8f, 2, widths));
    }

    /// <summary>Writes the PEFT files of <see cref="Tiny"/> (seeded values) into <paramref name="folder"/>.</summary>
    public static void WriteTiny(string folder, string basePath, int rank = 4) =>
        PeftAdapterWriter.Write(folder, new PeftAdapterConfig(rank, 8f, "stories260K", ["q_proj", "v_proj"]), GgufFile.Read(basePath),
            [0, 1], ["q_proj", "v_proj"], PeftAdapterWriter.Random(3, 0.1f));

    /// <summary>The server's files: each file of <paramref name="files"/> under the adapter's resolve path.</summary>
    public static Dictionary<string, byte[]> Files(HubAdapter adapter, IReadOnlyDictionary<string, byte[]> files) =>
        files.ToDictionary(f => Path(adapter, f.Key), f => f.Value);

    /// <summary>The server's files from a PEFT folder, with a model card unless <paramref name="card"/> is null.</summary>
    public static Dictionary<string, byte[]> Files(HubAdapter adapter, string peftFolder, string? card = Card)
    {
        var files = new Dictionary<string, byte[]>
        {
            [PeftAdapterConfig.FileName] = File.ReadAllBytes(System.IO.Path.Combine(peftFolder, PeftAdapterConfig.FileName)),
            [LoraConverter.WeightsFileName] = File.ReadAllBytes(System.IO.Path.Combine(peftFolder, LoraConverter.WeightsFileName)),
        };
        if (card is not null) files[AdapterDownloader.ModelCardFileName] = Encoding.UTF8.GetBytes(card);
        return Files(adapter, files);
    }

    /// <summary>A file's path relative to the server's root.</summary>
    public static string Path(HubAdapter adapter, string fileName) => $"{adapter.Repository}/resolve/{adapter.Revision}/{fileName}";

    /// <summary>The course's adapter_config.json as PEFT 0.12 saved it.</summary>
    public static byte[] CourseConfig() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["alpha_pattern"] = new Dictionary<string, object>(), ["base_model_name_or_path"] = "meta-llama/Meta-Llama-3.1-8B",
        ["bias"] = "none", ["fan_in_fan_out"] = false, ["inference_mode"] = true, ["lora_alpha"] = 64, ["lora_dropout"] = 0.1,
        ["modules_to_save"] = null, ["peft_type"] = "LORA", ["r"] = 32, ["rank_pattern"] = new Dictionary<string, object>(),
        ["target_modules"] = new[] { "q_proj", "v_proj", "k_proj", "o_proj" }, ["task_type"] = "CAUSAL_LM",
        ["use_dora"] = false, ["use_rslora"] = false,
    });

    /// <summary>
    /// The 8-byte length and JSON header of an F32 safetensors file with <paramref name="shape"/>'s tensors, and the
    /// size of its data section; <paramref name="reshape"/> may change a tensor's shape.
    /// </summary>
    public static (byte[] Header, long DataBytes) WeightsHeader(AdapterShape shape, Func<string, long[], long[]>? reshape = null)
    {
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        long offset = 0;
        for (int layer = 0; layer < shape.Layers; layer++)
            foreach (var (module, widths) in shape.Modules)
                foreach (var (suffix, dims) in new[] { ("lora_A", new long[] { shape.Rank, widths.In }), ("lora_B", new long[] { widths.Out, shape.Rank }) })
                {
                    var name = $"{PeftAdapterWriter.ModulePrefix(layer, module)}.{suffix}.weight";
                    var tensorShape = reshape?.Invoke(name, dims) ?? dims;
                    long bytes = 4 * tensorShape.Aggregate(1L, (a, b) => a * b);
                    header[name] = new { dtype = "F32", shape = tensorShape, data_offsets = new[] { offset, offset + bytes } };
                    offset += bytes;
                }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var result = new byte[8 + json.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)json.Length);
        json.CopyTo(result, 8);
        return (result, offset);
    }

    /// <summary>A whole weights file of zeros with <paramref name="shape"/>'s tensors.</summary>
    public static byte[] ZeroWeights(AdapterShape shape)
    {
        var (header, dataBytes) = WeightsHeader(shape);
        var file = new byte[header.Length + dataBytes];
        header.CopyTo(file, 0);
        return file;
    }
}
