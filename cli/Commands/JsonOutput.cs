using System.Text.Json;
using PricerLib.Evaluation;

namespace Pricer.Cli.Commands;

/// <summary>
/// What <c>--json</c> prints, for every verb: exactly one object per run on standard output, camelCase keys (the
/// results store's style, <see cref="EvaluationJson.Options"/>), characters as they are rather than \u escapes.
/// </summary>
internal static class JsonOutput
{
    /// <summary>Writes <paramref name="value"/> as the run's one JSON object.</summary>
    public static void Print(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, EvaluationJson.Options));
}
