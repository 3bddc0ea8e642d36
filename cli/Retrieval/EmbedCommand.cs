using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Data;
using PricerLib.Retrieval;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Retrieval;

/// <summary>
/// <c>pricer embed --input FILE.jsonl [--field text] --out FILE.jsonl</c>: one <c>{"embedding": [...]}</c> line per input
/// line, in order (the name and shape are fixed: scripts use them). A line without the field, or not valid UTF-8, stops
/// the command with its line number before anything is written.
/// </summary>
public sealed class EmbedCommand : PricerCommand<EmbedCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <FILE>")]
        [Description("JSONL input, one object per line.")]
        public string Input { get; init; } = "";

        [CommandOption("--field <NAME>")]
        [Description("The string field to embed (default text).")]
        [DefaultValue("text")]
        public string Field { get; init; } = "text";

        [CommandOption("--out <FILE>")]
        [Description("JSONL output, written whole or not at all.")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate() =>
            Input.Length == 0 || Out.Length == 0 ? ValidationResult.Error("Give --input FILE.jsonl and --out FILE.jsonl.") : base.Validate();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var texts = ReadField(settings.Input, settings.Field);
        using var embedder = new SentenceEmbedder();
        var vectors = EmbedProgress.Run(CommandConsoles.Error(), $"embedding {texts.Count:N0} texts",
            progress => embedder.Embed(texts, new InlineProgress<int>(done => progress.Report((done, texts.Count))), cancellationToken));
        AtomicFile.Write(settings.Out, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            foreach (var vector in vectors) writer.Write(JsonSerializer.Serialize(new { embedding = vector }) + "\n");
        });
        CommandConsoles.Error().WriteLine($"{texts.Count:N0} embeddings → {settings.Out}");
        return Task.FromResult(ExitCodes.Success);
    }

    /// <summary>The string <paramref name="field"/> of every line of <paramref name="path"/>.</summary>
    /// <exception cref="PricerException">A line is not valid UTF-8, not a JSON object, or lacks the string field.</exception>
    internal static List<string> ReadField(string path, string field)
    {
        if (!File.Exists(path)) throw new PricerException($"Input file not found: {path}");
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var bytes = File.ReadAllBytes(path);
        var texts = new List<string>();
        int lineNumber = 0;
        foreach (var range in bytes.AsSpan().Split((byte)'\n'))
        {
            lineNumber++;
            var line = bytes.AsSpan(range);
            if (line.IsEmpty && range.End.GetOffset(bytes.Length) == bytes.Length) break; // the final newline
            try
            {
                strict.GetCharCount(line);
                using var json = JsonDocument.Parse(bytes.AsMemory(range));
                texts.Add(json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(field, out var value)
                    && value.ValueKind == JsonValueKind.String
                        ? value.GetString()!
                        : throw new PricerException($"{path}:{lineNumber}: no string field \"{field}\" (choose it with --field)."));
            }
            catch (DecoderFallbackException)
            {
                throw new PricerException($"{path}:{lineNumber}: not valid UTF-8.");
            }
            catch (JsonException e)
            {
                throw new PricerException($"{path}:{lineNumber}: not a JSON object ({e.Message}).");
            }
        }
        return texts;
    }
}
