using PricerLib.Editions;

namespace PricerLib;

/// <summary>
/// Where the workbook reads and writes, resolved once and passed in: the CLI, the demo, the notebooks and the pricers
/// get their paths from here, and nothing else reads the <c>PRICER_*</c> environment variables. A test or a notebook
/// builds its own (<c>new WorkbookSettings { Cache = dir }</c>, or <c>WorkbookSettings.Current with { … }</c>).
/// API keys are deliberately not here: they are read only where a frontier pricer is composed, so a settings object
/// can be printed or saved without leaking one.
/// </summary>
public sealed record WorkbookSettings
{
    /// <summary>Raw Amazon metadata folder for the notebooks (<c>PRICER_DATA</c>); null: the synthetic demo catalogue.</summary>
    public string? Data { get; init; }

    /// <summary>Tokenizer file (<c>PRICER_TOKENIZER</c>): a Llama 3 <c>tokenizer.model</c> or a GGUF; null: the downloaded one, else cl100k_base.</summary>
    public string? Tokenizer { get; init; }

    /// <summary>Results store, one JSON file per run (<c>PRICER_RESULTS</c>, else <c>results/</c>).</summary>
    public string Results { get; init; } = Path.Combine(ProjectPaths.Root, "results");

    /// <summary>Downloads and caches (<c>PRICER_CACHE</c>, else <c>cache/</c>): raw metadata, tokenizer, models, response caches.</summary>
    public string Cache { get; init; } = Path.Combine(ProjectPaths.Root, "cache");

    /// <summary>Generated outputs (<c>PRICER_OUT</c>, else <c>out/</c>): executed notebooks, the demo, benchmarks.</summary>
    public string Out { get; init; } = Path.Combine(ProjectPaths.Root, "out");

    /// <summary>Where notebooks export their charts (<c>PRICER_REPORT</c>, else <c>report/</c> under <see cref="Out"/>).</summary>
    public string? Report { get; init; }

    /// <summary>The Chromium executable for PNG export (<c>PRICER_CHROMIUM</c>); null: the first Chromium on PATH.</summary>
    public string? Chromium { get; init; }

    /// <summary>The LLamaSharp backend notebooks load (<c>PRICER_LLAMA_BACKEND</c>): <c>cpu</c> or <c>cuda12</c>; null: <c>cpu</c>.</summary>
    public string? LlamaBackend { get; init; }

    /// <summary>
    /// An OpenAI-compatible endpoint the notebooks' frontier cells use instead of OpenAI (<c>PRICER_FRONTIER_URL</c>:
    /// a local server, or the test server in CI); null: OpenAI, when its key is set.
    /// </summary>
    public string? FrontierUrl { get; init; }

    /// <summary>GGUF base model for the Llama notebooks 06–07 (<c>PRICER_LLAMA_MODEL</c>); null: they explain and skip.</summary>
    public string? LlamaModel { get; init; }

    /// <summary>LoRA adapter for notebook 07 (<c>PRICER_LORA_ADAPTER</c>): a PEFT folder or a GGUF; null: it makes a synthetic one.</summary>
    public string? LoraAdapter { get; init; }

    /// <summary>
    /// The RSS feeds notebook 11's deal agents read (<c>PRICER_DEAL_FEEDS</c>: URLs separated by spaces or commas; a
    /// local deal site in CI); null: the edition's DealNews feeds.
    /// </summary>
    public IReadOnlyList<Uri>? DealFeeds { get; init; }

    /// <summary>The course edition the workbook follows (<c>PRICER_EDITION</c>: <c>2024</c> or <c>2025</c>); default 2024.</summary>
    public CourseEdition Edition { get; init; } = CourseEditions.Default;

    /// <summary>The report folder: <see cref="Report"/>, else <c>report/</c> under <see cref="Out"/>.</summary>
    public string ReportFolder => Report ?? Path.Combine(Out, "report");

    /// <summary>The settings of this process, read from the environment on first use.</summary>
    public static WorkbookSettings Current => CurrentValue.Value;

    private static readonly Lazy<WorkbookSettings> CurrentValue = new(() => FromEnvironment(Environment.GetEnvironmentVariable));

    /// <summary>The environment variables, by name (documented in the README).</summary>
    public static class Variables
    {
        /// <summary>Raw metadata folder.</summary>
        public const string Data = "PRICER_DATA";
        /// <summary>Tokenizer file.</summary>
        public const string Tokenizer = "PRICER_TOKENIZER";
        /// <summary>Results store.</summary>
        public const string Results = "PRICER_RESULTS";
        /// <summary>Cache folder.</summary>
        public const string Cache = "PRICER_CACHE";
        /// <summary>Outputs folder.</summary>
        public const string Out = "PRICER_OUT";
        /// <summary>Notebook chart folder.</summary>
        public const string Report = "PRICER_REPORT";
        /// <summary>Chromium executable.</summary>
        public const string Chromium = "PRICER_CHROMIUM";
        /// <summary>LLamaSharp backend for notebooks.</summary>
        public const string LlamaBackend = "PRICER_LLAMA_BACKEND";

        /// <summary>The notebooks' OpenAI-compatible endpoint.</summary>
        public const string FrontierUrl = "PRICER_FRONTIER_URL";
        /// <summary>GGUF base model for the Llama notebooks.</summary>
        public const string LlamaModel = "PRICER_LLAMA_MODEL";
        /// <summary>LoRA adapter for notebook 07.</summary>
        public const string LoraAdapter = "PRICER_LORA_ADAPTER";
        /// <summary>The course edition (2024 or 2025).</summary>
        public const string Edition = "PRICER_EDITION";
        /// <summary>The deal agents' RSS feeds (notebook 11).</summary>
        public const string DealFeeds = "PRICER_DEAL_FEEDS";
    }

    /// <summary>Resolves the settings from variables looked up by <paramref name="variable"/> (empty counts as unset); paths become absolute.</summary>
    public static WorkbookSettings FromEnvironment(Func<string, string?> variable)
    {
        string? Path(string name) => variable(name) is { Length: > 0 } value ? System.IO.Path.GetFullPath(value) : null;
        var defaults = new WorkbookSettings();
        return new WorkbookSettings
        {
            Data = Path(Variables.Data),
            Tokenizer = Path(Variables.Tokenizer),
            Results = Path(Variables.Results) ?? defaults.Results,
            Cache = Path(Variables.Cache) ?? defaults.Cache,
            Out = Path(Variables.Out) ?? defaults.Out,
            Report = Path(Variables.Report),
            Chromium = Path(Variables.Chromium),
            LlamaBackend = variable(Variables.LlamaBackend) is { Length: > 0 } backend ? backend : null,
            FrontierUrl = variable(Variables.FrontierUrl) is { Length: > 0 } url ? url : null,
            LlamaModel = Path(Variables.LlamaModel),
            LoraAdapter = Path(Variables.LoraAdapter),
            Edition = variable(Variables.Edition) is { Length: > 0 } edition
                ? CourseEditions.Parse(edition, Variables.Edition)
                : defaults.Edition,
            DealFeeds = variable(Variables.DealFeeds) is { Length: > 0 } feeds ? ParseFeeds(feeds) : null,
        };
    }

    private static List<Uri> ParseFeeds(string text) =>
        text.Split([' ', ',', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(feed => Uri.TryCreate(feed, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : throw new ArgumentException($"{Variables.DealFeeds} must hold http(s) feed URLs, not '{feed}'."))
            .ToList();
}
