using Spectre.Console.Cli;

namespace Pricer.Cli.Local;

/// <summary>The local family's verbs: <c>download-adapter</c>, <c>convert-lora</c>, <c>make-model</c>, <c>make-adapter</c>, <c>next-tokens</c>, and <c>bench local</c>.</summary>
public sealed class LocalCli : ICliFamily
{
    /// <inheritdoc />
    public void AddCommands(IConfigurator config)
    {
        config.AddCommand<DownloadAdapterCommand>("download-adapter")
            .WithDescription("The course's LoRA checkpoint (PEFT files at its pinned revision, with its licence notice), resumable.");
        config.AddCommand<ConvertLoraCommand>("convert-lora")
            .WithDescription("PEFT LoRA adapter folder (adapter_config.json + adapter_model.safetensors) → GGUF adapter for a Llama GGUF base.");
        config.AddCommand<MakeModelCommand>("make-model")
            .WithDescription("A GGUF of a real Llama 3.x shape (8B, 3B, 1B) with seeded random weights and Llama 3's tokenizer, for speed measurements.");
        config.AddCommand<MakeAdapterCommand>("make-adapter")
            .WithDescription("A PEFT LoRA adapter with seeded random weights for a make-model shape (the course's 2024 r 32, or 2025's r 256 on all projections).");
        config.AddCommand<NextTokensCommand>("next-tokens")
            .WithDescription("The most probable next tokens after a prompt (with BOS), for a GGUF model and optional LoRA adapter.");
    }

    /// <inheritdoc />
    public void AddBenchCommands(IConfigurator<CommandSettings> bench) =>
        bench.AddCommand<BenchLocalCommand>("local")
            .WithDescription("Local-model throughput (items/s, prompt tokens/s): one at a time vs batched, on the device in use.");
}
