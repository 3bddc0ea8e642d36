using System.Text.Json;

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
/// <param name="Rmsle">Root mean squared log error.</param>
/// <param name="HitsPercent">Green guesses, 0–100.</param>
public sealed record ReferenceResult(string Name, string Week, double Error, double Rmsle, double HitsPercent);

/// <summary>
/// The course's 2024 published figures, kept as data (<c>data/course-reference-results.json</c>, embedded in the
/// library) with their source, so they are never magic numbers in code.
/// </summary>
/// <param name="Source">Where they come from.</param>
/// <param name="Results">One row per model, as published.</param>
public sealed record CourseReference(ReferenceSource Source, IReadOnlyList<ReferenceResult> Results)
{
    /// <summary>The embedded resource's name.</summary>
    public const string ResourceName = "PricerLib.data.course-reference-results.json";

    /// <summary>Loads the embedded figures.</summary>
    public static CourseReference Load()
    {
        using var stream = typeof(CourseReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from PricerLib.");
        return JsonSerializer.Deserialize<CourseReference>(stream, EvaluationJson.Options)
            ?? throw new InvalidDataException($"{ResourceName} holds no figures.");
    }
}
