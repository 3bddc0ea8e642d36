using System.Text.Json;

namespace PricerLib.Local.Lora;

/// <summary>
/// The parts of PEFT's <c>adapter_config.json</c> the conversion needs, with everything it cannot represent in a
/// llama.cpp adapter rejected up front: rsLoRA (scaling alpha/√r, where llama.cpp applies alpha/r), DoRA (a magnitude
/// vector llama.cpp has no place for), trained biases, per-module alphas, fully trained extra modules, and
/// <c>fan_in_fan_out</c> (transposed weights, for GPT-2-style layers).
/// </summary>
/// <param name="Rank">PEFT's <c>r</c>.</param>
/// <param name="Alpha">PEFT's <c>lora_alpha</c>.</param>
/// <param name="BaseModel">PEFT's <c>base_model_name_or_path</c>, for display.</param>
/// <param name="TargetModules">PEFT's <c>target_modules</c>, for display.</param>
public sealed record PeftAdapterConfig(int Rank, float Alpha, string? BaseModel, IReadOnlyList<string> TargetModules)
{
    /// <summary>The file name PEFT gives it.</summary>
    public const string FileName = "adapter_config.json";

    /// <summary>Reads and checks <c>adapter_config.json</c> in <paramref name="adapterFolder"/>.</summary>
    /// <exception cref="LoraConversionException">Missing, malformed, or asking for something llama.cpp cannot apply.</exception>
    public static PeftAdapterConfig Read(string adapterFolder) => ReadFile(Path.Combine(adapterFolder, FileName));

    /// <summary>Reads and checks a PEFT adapter config at <paramref name="path"/> (whatever the file is called, e.g. while it downloads).</summary>
    /// <exception cref="LoraConversionException">Missing, malformed, or asking for something llama.cpp cannot apply.</exception>
    public static PeftAdapterConfig ReadFile(string path)
    {
        if (!File.Exists(path)) throw new LoraConversionException($"{path} does not exist: give the folder PEFT saved the adapter in.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return FromJson(document.RootElement, path);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new LoraConversionException($"{path} is not a valid PEFT adapter config: {e.Message}", e);
        }
    }

    private static PeftAdapterConfig FromJson(JsonElement root, string path)
    {
        string Reject(string what) => throw new LoraConversionException($"{path}: {what}; llama.cpp adapters cannot represent it.");
        if (root.TryGetProperty("peft_type", out var type) && type.GetString() != "LORA") Reject($"peft_type is {type.GetString()}, not LORA");
        if (IsTrue(root, "use_rslora")) Reject("rsLoRA (use_rslora) scales by alpha/√r");
        if (IsTrue(root, "use_dora")) Reject("DoRA (use_dora) adds a magnitude vector");
        if (IsTrue(root, "fan_in_fan_out")) Reject("fan_in_fan_out stores transposed weights");
        if (root.TryGetProperty("bias", out var bias) && bias.ValueKind == JsonValueKind.String && bias.GetString() != "none")
            Reject($"bias \"{bias.GetString()}\" trains biases");
        if (IsNonEmpty(root, "alpha_pattern")) Reject("alpha_pattern gives modules their own alpha");
        if (IsNonEmpty(root, "modules_to_save")) Reject("modules_to_save trains whole modules besides the LoRA pair");

        int rank = root.GetProperty("r").GetInt32();
        float alpha = root.TryGetProperty("lora_alpha", out var a) ? a.GetSingle() : 8f; // PEFT's default lora_alpha
        if (rank <= 0) Reject($"r = {rank}");
        string? baseModel = root.TryGetProperty("base_model_name_or_path", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        var targets = root.TryGetProperty("target_modules", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [t.GetString() ?? ""]
            : Array.Empty<string>();
        return new PeftAdapterConfig(rank, alpha, baseModel, targets);
    }

    private static bool IsTrue(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static bool IsNonEmpty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind switch
        {
            JsonValueKind.Array => v.GetArrayLength() > 0,
            JsonValueKind.Object => v.EnumerateObject().Any(),
            _ => false,
        };

    /// <summary>Writes a config as PEFT would (the fields above, the others at PEFT's defaults), for tests and notebooks.</summary>
    public void Write(string adapterFolder)
    {
        Directory.CreateDirectory(adapterFolder);
        var json = new Dictionary<string, object?>
        {
            ["peft_type"] = "LORA", ["task_type"] = "CAUSAL_LM", ["r"] = Rank, ["lora_alpha"] = Alpha,
            ["lora_dropout"] = 0.0, ["bias"] = "none", ["use_rslora"] = false, ["use_dora"] = false,
            ["fan_in_fan_out"] = false, ["base_model_name_or_path"] = BaseModel, ["target_modules"] = TargetModules,
        };
        File.WriteAllText(Path.Combine(adapterFolder, FileName), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
    }
}

/// <summary>A PEFT adapter that cannot be converted for its base: unsupported features, unknown tensors, wrong shapes.</summary>
public sealed class LoraConversionException(string message, Exception? inner = null) : LocalModelException(message, inner);
