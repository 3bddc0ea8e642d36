using System.Text.Json;
using PricerLib.Editions;

namespace PricerLib.Evaluation;

/// <summary>Where the course's published figures come from.</summary>
/// <param name="Repository">The course's GitHub repository.</param>
/// <param name="Notebooks">Which notebooks published them.</param>
/// <param name="Year">The course edition.</param>
/// <param name="TestItems">Test items each figure was measured on.</param>
/// <param name="Note">What the figures mean.</param>
public sealed record ReferenceSource(string Repository, string Notebooks, int Year, int TestItems, string Note);

/// <summary>One published result of the course.</summary>
/// <param name="Name">The model, in the course's words.</param>
/// <param name="Week">The course week that measured it.</param>
/// <param name="Error">Mean absolute error in dollars.</param>
/// <param name="Rmsle">Root mean squared log error; null where the course did not publish it (2025).</param>
/// <param name="HitsPercent">Green guesses, 0–100; null where the course did not publish it (2025).</param>
public sealed record ReferenceResult(string Name, string Week, double Error, double? Rmsle, double? HitsPercent);

/// <summary>
/// The course's published figures of one edition, kept as data with their source (2024:
/// <c>data/course-reference-results.json</c>; 2025: <c>data/course-reference-results-2025.json</c>, the table of
/// <c>week8/results.ipynb</c>; both embedded in the library), so they are never magic numbers in code.
/// </summary>
/// <param name="Source">Where they come from.</param>
/// <param name="Results">One row per model, as published.</param>
public sealed record CourseReference(ReferenceSource Source, IReadOnlyList<ReferenceResult> Results)
{
    /// <summary>The embedded resource's name (the 2024 figures).</summary>
    public const string ResourceName = "PricerLib.data.course-reference-results.json";

    /// <summary>The embedded resource of the 2025 figures.</summary>
    public const string ResourceName2025 = "PricerLib.data.course-reference-results-2025.json";

    /// <summary>The edition the figures belong to.</summary>
    public CourseEdition Edition => Source.Year == (int)CourseEdition.Course2025 ? CourseEdition.Course2025 : CourseEdition.Course2024;

    /// <summary>Loads the embedded figures of the 2024 edition.</summary>
    public static CourseReference Load() => Load(CourseEdition.Course2024);

    /// <summary>Loads the embedded figures of <paramref name="edition"/>.</summary>
    public static CourseReference Load(CourseEdition edition)
    {
        string name = edition == CourseEdition.Course2025 ? ResourceName2025 : ResourceName;
        using var stream = typeof(CourseReference).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from PricerLib.");
        return JsonSerializer.Deserialize<CourseReference>(stream, EvaluationJson.Options)
            ?? throw new InvalidDataException($"{name} holds no figures.");
    }
}
