using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PricerLib.Data;
using PricerLib.Data.Amazon;

namespace PricerLib.Frontier.FineTuning;

/// <summary>
/// The course's day-5 training files: the first <c>trainSize</c> training items for training and the next
/// <c>validationSize</c> for validation (<c>train[:200]</c>, <c>train[200:250]</c>), each written by its
/// <c>make_jsonl</c>: one <c>{"messages": [system, user, assistant "Price is $X.XX"]}</c> line per item.
/// </summary>
/// <param name="Train">The training file's text.</param>
/// <param name="Validation">The validation file's text ("" when there are no validation items).</param>
/// <param name="TrainCount">Items in <see cref="Train"/>.</param>
/// <param name="ValidationCount">Items in <see cref="Validation"/>.</param>
public sealed record FineTuningData(string Train, string Validation, int TrainCount, int ValidationCount)
{
    /// <summary>The course's sizes: 200 training and 50 validation items (its results run used 500 and 50).</summary>
    public const int CourseTrainSize = 200, CourseValidationSize = 50;

    /// <summary>Takes the files' items from the front of <paramref name="items"/>, as the course does.</summary>
    /// <exception cref="FrontierException">Fewer items than asked for, or a size below its minimum.</exception>
    public static FineTuningData From(IReadOnlyList<Item> items, int trainSize = CourseTrainSize, int validationSize = CourseValidationSize)
    {
        // OpenAI refuses a training file of fewer than 10 examples.
        if (trainSize < 10) throw new FrontierException($"--train-size must be at least 10 (OpenAI's minimum), not {trainSize}.");
        if (validationSize < 0) throw new FrontierException($"--validation-size cannot be negative ({validationSize}).");
        if (items.Count < trainSize + validationSize)
            throw new FrontierException($"Fine-tuning on {trainSize} training and {validationSize} validation items needs {trainSize + validationSize} items; the file has {items.Count}.");
        return new(Jsonl(items.Take(trainSize)), Jsonl(items.Skip(trainSize).Take(validationSize)), trainSize, validationSize);
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
    public static string Jsonl(IEnumerable<Item> items)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var messages = new JsonArray(CourseMessages.ForTraining(item)
                .Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.ToString().ToLowerInvariant(), ["content"] = m.Content }).ToArray());
            if (text.Length > 0) text.Append('\n');
            text.Append("{\"messages\": ");
            PythonJson.Write(JsonSerializer.SerializeToElement(messages), text);
            text.Append('}');
        }
        return text.ToString();
    }
}
