using PricerLib.Editions;
using System.Text.RegularExpressions;
using CsvHelper;
using PricerLib.Data;
using PricerLib.Text;

namespace PricerLib.Frontier;

/// <summary>One row of <c>human_output.csv</c>: the prompt shown, and the human's guess (null when left empty or unreadable).</summary>
/// <param name="Prompt">The test prompt of the row.</param>
/// <param name="Guess">The guess in dollars.</param>
/// <param name="Problem">Why there is no guess, when there is none.</param>
public sealed record HumanRow(string Prompt, double? Guess, string? Problem = null);

/// <summary>The human baseline's file is missing, unreadable, or from another test set.</summary>
public sealed class HumanCsvException(string message) : PricerException(message);

/// <summary>
/// The course's human baseline files (week 6 day 4): <c>human_input.csv</c> holds the first 250 test prompts and a 0
/// each, written by Python's <c>csv.writer</c> (quoted only where needed, CRLF line ends, no header); a person
/// replaces the zeros and saves it as <c>human_output.csv</c>, read back row i = test item i. The 2025 edition's
/// <c>human_in.csv</c> / <c>human_out.csv</c> have the same shape with the first 100 test items' summaries instead.
/// </summary>
public static partial class HumanCsv
{
    /// <summary>The course's number of rows.</summary>
    public const int CourseRows = 250;

    /// <summary>The 2025 course's number of rows (<c>test[:100]</c>).</summary>
    public const int CourseRows2025 = 100;

    /// <summary>The course's number of rows in <paramref name="edition"/>.</summary>
    public static int RowsFor(CourseEdition edition) => edition == CourseEdition.Course2025 ? CourseRows2025 : CourseRows;

    /// <summary>The course's file names in <paramref name="edition"/>: 2024 human_input/output.csv, 2025 human_in/out.csv.</summary>
    public static (string Input, string Output) FileNamesFor(CourseEdition edition) =>
        edition == CourseEdition.Course2025 ? ("human_in.csv", "human_out.csv") : ("human_input.csv", "human_output.csv");

    /// <summary>What a row shows of <paramref name="item"/>: 2024 its test prompt, 2025 its summary.</summary>
    /// <exception cref="HumanCsvException">A 2025 item without a summary.</exception>
    public static string ShownText(Item item, CourseEdition edition) =>
        edition != CourseEdition.Course2025 ? item.TestPrompt
        : item.Summary is { Length: > 0 } summary ? summary
        : throw new HumanCsvException($"\"{item.Title}\" has no summary, and the 2025 human baseline shows summaries: use 2025 items (pricer download-dataset, pricer summarize) or --edition 2024.");

    // Python's csv.writer: quotes only fields that need it and ends rows with CRLF.
    private static CsvWriterOptions WriterOptions => CsvWriterOptions.Default with { Separator = ',', HasHeader = false, NewLine = "\r\n" };
    private static CsvReaderOptions ReaderOptions => CsvReaderOptions.Default with { Separator = ',', HasHeader = false, AllowLineBreaksInQuotes = true };

    /// <summary>Writes the first <paramref name="count"/> test items' <see cref="ShownText"/>, each with a 0, to <paramref name="path"/>.</summary>
    /// <exception cref="HumanCsvException">A 2025 item without a summary (nothing is written).</exception>
    public static int WriteInput(IReadOnlyList<Item> test, string path, int count = CourseRows, CourseEdition edition = CourseEdition.Course2024)
    {
        var rows = test.Take(count).Select(item => ShownText(item, edition)).ToList();
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: true);
            foreach (var text in rows) csv.WriteRecord([text, "0"]);
        });
        return rows.Count;
    }

    /// <summary>Reads a filled file; a row whose second field is empty or not a number has no guess (with the reason).</summary>
    /// <exception cref="HumanCsvException">The file is missing or not CSV.</exception>
    public static IReadOnlyList<HumanRow> Read(string path)
    {
        if (!File.Exists(path))
            throw new HumanCsvException($"The human guesses file {path} does not exist. Write one with `pricer human-input --test FILE --out human_input.csv`, fill in the prices, and pass it with --human-csv.");
        try
        {
            using var reader = new StreamReader(path);
            using var csv = CsvReader.Create(reader, ReaderOptions, leaveOpen: false);
            var rows = new List<HumanRow>();
            while (csv.Read())
            {
                string prompt = Normalise(csv.FieldCount > 0 ? csv.GetString(0) : "");
                string field = csv.FieldCount > 1 ? csv.GetString(1).Trim() : "";
                rows.Add(field.Length == 0 ? new HumanRow(prompt, null, $"row {rows.Count + 1} has no guess")
                    : TryReadGuess(field, out var guess) ? new HumanRow(prompt, guess)
                    : new HumanRow(prompt, null, $"row {rows.Count + 1}'s guess '{field}' is not a number"));
            }
            return rows;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException or FormatException)
        {
            throw new HumanCsvException($"Cannot read the human guesses file {path}: {e.Message}");
        }
    }

    // A number as Python's float() reads it (the course's), or as people write prices in a spreadsheet: "$1,299.99".
    private static bool TryReadGuess(string field, out double guess) =>
        PythonFloat.TryParse(field, out guess) || (WrittenPrice().IsMatch(field) && PythonFloat.TryParse(field.TrimStart('$').Replace(",", ""), out guess));

    [GeneratedRegex(@"^\$?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial Regex WrittenPrice();

    /// <summary>
    /// Checks that row i's text is test item i's <see cref="ShownText"/>, for every row the file has.
    /// </summary>
    /// <exception cref="HumanCsvException">Naming the first row that does not match.</exception>
    public static void CheckMatches(IReadOnlyList<HumanRow> rows, IReadOnlyList<Item> test, string file, CourseEdition edition = CourseEdition.Course2024)
    {
        for (int i = 0; i < Math.Min(rows.Count, test.Count); i++)
        {
            string shown = Normalise(ShownText(test[i], edition));
            if (rows[i].Prompt == shown) continue;
            throw new HumanCsvException($"{file} is not for this test set: row {i + 1} is \"{Preview(rows[i].Prompt)}\" but test item {i + 1} is \"{Preview(shown)}\".");
        }
    }

    // Spreadsheet programs may save line breaks inside a field as CRLF.
    private static string Normalise(string prompt) => prompt.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Preview(string prompt)
    {
        var title = prompt.Replace(Item.Question, "", StringComparison.Ordinal).Trim().Split('\n')[0];
        return title.Length > 60 ? title[..60] + "…" : title;
    }
}
