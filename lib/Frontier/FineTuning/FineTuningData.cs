using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Editions;

namespace PricerLib.Frontier.FineTuning;

/// <summary>
/// The course's day-5 training files: the first <c>trainSize</c> training items for training and the next
/// <c>validationSize</c> for validation (<c>train[:200]</c>, <c>train[200:250]</c>), each written by its
/// <c>make_jsonl</c>: one <c>{"messages": [system, user, assistant "Price is $X.XX"]}</c> line per item (2025:
/// <c>[user, assistant "$X.XX"]</c>).
/// </summary>
/// <param name="Train">The training file's text.</param>
/// <param name="Validation">The validation file's text ("" when there are no validation items).</param>
/// <param name="TrainCount">Items in <see cref="Train"/>.</param>
/// <param name="ValidationCount">Items in <see cref="Validation"/>.</param>
public sealed record FineTuningData(string Train, string Validation, int TrainCount, int ValidationCount)
{
    /// <summary>The 2024 course's sizes: 200 training and 50 validation items (its results run used 500 and 50).</summary>
    public const int CourseTrainSize = 200, CourseValidationSize = 50;

    /// <summary>The 2025 course's sizes: <c>train[:100]</c> and <c>val[:50]</c>.</summary>
    public const int CourseTrainSize2025 = 100;

    /// <summary>
    /// Takes the files' items from the front of <paramref name="items"/>, as the course does: validation items follow
    /// the training ones (2024's <c>train[200:250]</c>), or come from the front of <paramref name="validationItems"/>
    /// where given (2025's <c>val[:50]</c>). Each line is <paramref name="edition"/>'s <c>messages_for</c>.
    /// </summary>
    /// <exception cref="FrontierException">Fewer items than asked for, a size below its minimum, or a 2025 item without a summary.</exception>
    public static FineTuningData From(IReadOnlyList<Item> items, int trainSize = CourseTrainSize, int validationSize = CourseValidationSize,
        CourseEdition edition = CourseEdition.Course2024, IReadOnlyList<Item>? validationItems = null)
    {
        // OpenAI refuses a training file of fewer than 10 examples.
        if (trainSize < 10) throw new FrontierException($"--train-size must be at least 10 (OpenAI's minimum), not {trainSize}.");
        if (validationSize < 0) throw new FrontierException($"--validation-size cannot be negative ({validationSize}).");
        if (validationItems is not null)
        {
            if (items.Count < trainSize) throw new FrontierException($"Fine-tuning on {trainSize} training items needs {trainSize}; the training file has {items.Count}.");
            if (validationItems.Count < validationSize)
                throw new FrontierException($"{validationSize} validation items were asked for; the validation file has {validationItems.Count}.");
            return new(Jsonl(items.Take(trainSize), edition), Jsonl(validationItems.Take(validationSize), edition), trainSize, validationSize);
        }
        if (items.Count < trainSize + validationSize)
            throw new FrontierException($"Fine-tuning on {trainSize} training and {validationSize} validation items needs {trainSize + validationSize} items; the file has {items.Count}.");
        return new(Jsonl(items.Take(trainSize), edition), Jsonl(items.Skip(trainSize).Take(validationSize), edition), trainSize, validationSize);
    }

    /// <summary>Writes <c>fine_tune_train.jsonl</c> and <c>fine_tune_validation.jsonl</c> into <paramref name="folder"/>, as the course does; returns their paths.</summary>
    public (string Train, string Validation) WriteFiles(string folder)
    {
        var paths = (Path.Combine(folder, "fine_tune_train.jsonl"), Path.Combine(folder, "fine_tune_validation.jsonl"));
        AtomicFile.Write(paths.Item1, stream => stream.Write(Encoding.UTF8.GetBytes(Train)));
        AtomicFile.Write(paths.Item2, stream => stream.Write(Encoding.UTF8.GetBytes(Validation)));
        return paths;
    }

    /// <summary>
    /// The course's <c>make_jsonl</c>: <c>'{"messages": ' + json.dumps(messages_for(item)) + '}'</c> per item, joined
    /// by newlines, without a final one (it strips the result). Serialised as Python's <c>json.dumps</c> does
    /// (<c>", "</c> and <c>": "</c>, non-ASCII escaped), so the bytes equal the course's file.
    /// </summary>
    /// <exception cref="FrontierException">A 2025 item without a summary.</exception>
    public static string Jsonl(IEnumerable<Item> items, CourseEdition edition = CourseEdition.Course2024)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var turns = edition == CourseEdition.Course2025 ? CourseMessages.ForTraining2025(item) : CourseMessages.ForTraining(item);
            var messages = new JsonArray(turns
                .Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.ToString().ToLowerInvariant(), ["content"] = m.Content }).ToArray());
            if (text.Length > 0) text.Append('\n');
            text.Append("{\"messages\": ");
            PythonJson.Write(JsonSerializer.SerializeToElement(messages), text);
            text.Append('}');
        }
        return text.ToString();
    }
}
