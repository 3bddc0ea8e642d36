using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using PricerLib.Editions;
using PricerLib.Pricers;

namespace PricerLib.Evaluation;

/// <summary>How a run was set up.</summary>
/// <param name="Size">Items tested (the first <c>Size</c> of the test file).</param>
/// <param name="Seed">Seed for the pricer's randomness and the bootstrap.</param>
/// <param name="Workers">Items priced at once.</param>
/// <param name="TestFile">Where the test items came from.</param>
/// <param name="TrainFile">Where the training items came from, for pricers that train.</param>
/// <param name="TrainCount">Training items used.</param>
/// <remarks>Fields added later are nullable, so run files stored by earlier versions keep loading.</remarks>
public sealed record RunSettings(int Size, int Seed, int Workers, string? TestFile = null, string? TrainFile = null, int? TrainCount = null)
{
    /// <summary>The pricer kind's options as given (e.g. <c>base-url</c>, <c>method</c>); null when none.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }

    /// <summary>SHA-256 of the training items (see <see cref="Pricers.TrainingData"/>), for pricers that train.</summary>
    public string? TrainSha256 { get; init; }

    /// <summary>The saved model folder the pricer was loaded from, when it was not trained in this run.</summary>
    public string? TrainedModel { get; init; }
}

/// <summary>How long a run took.</summary>
/// <param name="WallSeconds">The whole run, wall clock (several items may run at once).</param>
/// <param name="MeanItemSeconds">Mean time the pricer spent on one item.</param>
/// <param name="TrainSeconds">Training time, for pricers that train.</param>
public sealed record RunTiming(double WallSeconds, double MeanItemSeconds, double? TrainSeconds = null);

/// <summary>
/// One stored evaluation run: everything needed to redraw its charts, rank it, or compare it item by item with
/// another run, without running the model again. Saved by <see cref="ResultsStore"/> as one JSON file.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The run's name; its <see cref="ResultsStore.Slug"/> is the file name, so re-running a name replaces it.</summary>
    public required string Name { get; init; }

    /// <summary>The title shown on charts and the leaderboard.</summary>
    public required string Title { get; init; }

    /// <summary>The pricer spec it ran (e.g. <c>random</c>, <c>frontier:gpt-4o-mini</c>).</summary>
    public required string Pricer { get; init; }

    /// <summary>The pricer's model details.</summary>
    public required PricerDetails Model { get; init; }

    /// <summary>The run's settings.</summary>
    public required RunSettings Settings { get; init; }

    /// <summary>The course's metrics and ours.</summary>
    public required Metrics Metrics { get; init; }

    /// <summary>Bootstrap intervals of error, RMSLE and hits.</summary>
    public BootstrapIntervals? Bootstrap { get; init; }

    /// <summary>Timing of the run.</summary>
    public required RunTiming Timing { get; init; }

    /// <summary>Total cost in US dollars; null where the pricer does not know it (local pricers cost nothing: 0 is not unknown).</summary>
    public double? CostUsd { get; init; }

    /// <summary>When the run finished.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The PricerLib version that made it.</summary>
    public string ToolVersion { get; init; } = CurrentToolVersion;

    /// <summary>The course edition the run followed; runs stored before editions existed read as 2024.</summary>
    public CourseEdition Edition { get; init; } = CourseEdition.Course2024;

    /// <summary>Every tested item in order: truth, guess, error, colour, title, or why it failed.</summary>
    public required IReadOnlyList<ItemResult> Items { get; init; }

    /// <summary>PricerLib's informational version.</summary>
    public static string CurrentToolVersion { get; } =
        typeof(RunRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Builds the record of a finished Tester run.</summary>
    public static RunRecord From(TestReport report, string name, string pricerSpec, PricerDetails model, RunSettings settings,
        BootstrapIntervals? bootstrap = null, double? trainSeconds = null) => new()
    {
        Name = name,
        Title = report.Title,
        Pricer = pricerSpec,
        Model = model,
        Settings = settings,
        Metrics = report.Metrics,
        Bootstrap = bootstrap,
        Timing = new RunTiming(report.Wall.TotalSeconds, report.Items.Count == 0 ? 0 : report.Items.Average(i => i.Seconds), trainSeconds),
        CostUsd = report.Items.Any(i => i.CostUsd is not null) ? report.Items.Sum(i => i.CostUsd ?? 0) : null,
        Timestamp = DateTimeOffset.UtcNow,
        Items = report.Items,
        Edition = report.Edition,
    };

    /// <summary>The run as a report again, to draw its charts.</summary>
    public TestReport ToReport() => new(Title, Items, Metrics, TimeSpan.FromSeconds(Timing.WallSeconds)) { Edition = Edition };
}

/// <summary>The JSON conventions of the results store and the CLI's <c>--json</c> output.</summary>
public static class EvaluationJson
{
    /// <summary>camelCase, indented, enums as strings, nulls written (so a missing cost reads as unknown).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Files and stdout, never HTML: keep titles readable ("+", "&", accents) instead of \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(), new NonFiniteAsNull() },
    };

    /// <summary>
    /// JSON has no ∞ or NaN, and System.Text.Json throws on them, losing the whole run. A number that overflowed is
    /// written as null (unknown) and read back as NaN; the Tester's bounds (<see cref="Scoring.Largest"/>) keep it rare.
    /// </summary>
    private sealed class NonFiniteAsNull : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.Null => double.NaN,
                JsonTokenType.String => double.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture), // web defaults read "1.5"
                _ => reader.GetDouble(),
            };

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
