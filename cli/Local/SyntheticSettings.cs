using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Local;

/// <summary>The options <c>make-model</c> and <c>make-adapter</c> share: the shape, where to write, the seed, --force, --json.</summary>
public abstract class SyntheticSettings : CommandSettings
{
    [CommandOption("--shape <SHAPE>")]
    [Description("llama-3.1-8b, llama-3.2-3b, llama-3.2-1b or llama-3-tiny (a 16 MB test shape).")]
    public string Shape { get; init; } = "";

    [CommandOption("--out <PATH>")]
    [Description("The file (make-model) or folder (make-adapter) to write.")]
    public string Out { get; init; } = "";

    [CommandOption("--seed <N>")]
    [Description("Seeds the random weights (default 42).")]
    [DefaultValue(42)]
    public int Seed { get; init; } = 42;

    [CommandOption("--force")]
    [Description("Replace what is already there.")]
    public bool Force { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object describing what was written.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Shape == "" || Out == "" ? ValidationResult.Error("--shape and --out are required.") : ValidationResult.Success();
}
