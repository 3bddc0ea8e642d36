using System.Globalization;
using System.Text.Json;
using CsvHelper;

using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Text;

namespace PricerLib.Evaluation;

/// <summary>One row of a scores file with a usable truth and guess.</summary>
/// <param name="Line">1-based line of the file.</param>
/// <param name="Title">The row's title, or "line N" when the file has none.</param>
/// <param name="Truth">The true price.</param>
/// <param name="Guess">The guess (may be non-finite; scoring fails such rows).</param>
/// <param name="Reply">The guess's text when it was a reply rather than a plain number.</param>
public sealed record ScoreRow(int Line, string Title, double Truth, double Guess, string? Reply);

/// <summary>A row that could not be scored, and why.</summary>
public sealed record RowProblem(int Line, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {Line}: {Reason}";
}

/// <summary>A scores file's result: the course's report over the usable rows, and every row that failed.</summary>
/// <param name="Report">Metrics and items over the rows scored.</param>
/// <param name="Problems">Rows that could not be scored (bad truth, no guess, non-finite guess), by line.</param>
public sealed record ScoredFile(TestReport Report, IReadOnlyList<RowProblem> Problems)
{
    /// <summary>Rows scored.</summary>
    public int Count => Report.Metrics.Count;

    /// <summary>Rows that could not be scored.</summary>
    public int Failed => Problems.Count;

    /// <summary>The <c>--json</c> summary: <see cref="Metrics.ToJson"/> with <c>failed</c> counting every failed row.</summary>
    public System.Text.Json.Nodes.JsonObject ToJson()
    {
        var json = Report.Metrics.ToJson();
        json["failed"] = Failed;
        json["edition"] = Report.Edition.Name();
        return json;
    }
}

/// <summary>
/// Reads a file of truths and guesses — CSV (with a header) or JSONL — and scores every row the course's way.
/// Columns/fields (case-insensitive): <c>truth</c> (else <c>price</c>), <c>guess</c> (a number, or a model's reply
/// parsed by <see cref="PriceParser"/>), optional <c>title</c>.
/// Rows with a missing, non-numeric, non-finite or negative truth, or no guess, are failed with a reason; an empty
/// file or one without the truth/guess columns is an <see cref="InvalidDataException"/>.
/// </summary>
public static class ScoreFile
{
    /// <summary>
    /// Reads and scores <paramref name="path"/>, reported as the Tester of <paramref name="edition"/> reports (its
    /// printout and chart title); throws <see cref="InvalidDataException"/> when no row can be scored.
    /// </summary>
    public static ScoredFile Score(string path, string? title = null, CourseEdition edition = CourseEditions.Default)
    {
        var (rows, problems) = Read(path);
        var items = rows.Select((row, index) => Scoring.Score(index, row.Title, row.Truth, row.Guess, row.Reply)).ToList();
        var allProblems = problems
            .Concat(items.Where(i => i.Failed).Select(i => new RowProblem(rows[i.Index].Line, i.FailedReason!)))
            .OrderBy(p => p.Line)
            .ToList();
        if (items.All(i => i.Failed))
            throw new InvalidDataException($"No row of {path} could be scored ({allProblems.Count} failed); first: {allProblems[0]}");
        var report = new TestReport(title ?? Path.GetFileNameWithoutExtension(path), items, Metrics.Compute(items), TimeSpan.Zero) { Edition = edition };
        return new ScoredFile(report, allProblems);
    }

    /// <summary>The usable rows and the rejected ones, without scoring.</summary>
    public static (IReadOnlyList<ScoreRow> Rows, IReadOnlyList<RowProblem> Problems) Read(string path)
    {
        if (Directory.Exists(path)) throw new InvalidDataException($"{path} is a folder, not a scores file.");
        if (!File.Exists(path)) throw new FileNotFoundException($"No such file: {path}", path);
        var rows = new List<ScoreRow>();
        var problems = new List<RowProblem>();
        try
        {
            if (IsCsv(path)) ReadCsv(path, rows, problems);
            else ReadJsonLines(path, rows, problems);
        }
        catch (Exception e) when (e is not (InvalidDataException or FileNotFoundException) && DataFiles.IsBrokenInput(e))
        {
            throw new InvalidDataException($"{path} is truncated or corrupt: {e.Message}", e);
        }
        return (rows, problems);
    }

    // Gzip is told by its magic bytes, as for items files; FILE.csv.gz is a CSV.
    private static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        return DataFiles.StartsWithGzipMagic(file);
    }

    private static StreamReader OpenText(string path) => new(DataFiles.OpenRead(path));

    private static string Decompressed(string path)
    {
        using var reader = OpenText(path);
        return reader.ReadToEnd();
    }

    private static bool IsCsv(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is ".csv") return true;
        if (extension is ".jsonl" or ".json" or ".ndjson") return false;
        // Unknown extension: JSONL starts with an object.
        using var reader = OpenText(path);
        int c;
        while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c)) { }
        return c != '{';
    }

    private static void ReadCsv(string path, List<ScoreRow> rows, List<RowProblem> problems)
    {
        var options = CsvReaderOptions.Default with { Separator = ',', TrackLineNumbers = true };
        using var csv = IsGzip(path) ? CsvReader.FromText(Decompressed(path), options) : CsvReader.FromFile(path, options);
        var header = csv.Headers;
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"{path} is empty: expected a header with 'truth' (or 'price') and 'guess'.");
        // TryGetFieldIndex matches exactly, then ignoring case and surrounding spaces.
        int truthColumn = csv.TryGetFieldIndex("truth", out var t) ? t : csv.TryGetFieldIndex("price", out var p) ? p : -1;
        int guessColumn = csv.TryGetFieldIndex("guess", out var g) ? g : -1;
        int titleColumn = csv.TryGetFieldIndex("title", out var n) ? n : -1;
        RequireColumns(path, truthColumn >= 0, guessColumn >= 0, $"columns: {string.Join(", ", header)}");

        bool any = false;
        while (csv.Read())
        {
            any = true;
            string? Field(int column) => column >= 0 && !csv.IsEmpty(column) ? csv.GetString(column) : null;
            AddRow(rows, problems, (int)csv.LineNumber, Field(titleColumn), Field(truthColumn), truth: null, Field(guessColumn), guess: null);
        }
        if (!any) throw new InvalidDataException($"{path} has a header but no rows.");
    }

    private static void ReadJsonLines(string path, List<ScoreRow> rows, List<RowProblem> problems)
    {
        int line = 0, objects = 0;
        bool sawTruth = false, sawGuess = false;
        using var reader = OpenText(path);
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var document = JsonLine.ParseObject(text, out var problem, out var message);
            if (document is null)
            {
                problems.Add(new RowProblem(line, problem == JsonLineProblem.NotJson
                    ? message + "; bare NaN/Infinity are not JSON: quote them" : message));
                continue;
            }
            using (document)
            {
                objects++;
                var root = document.RootElement;
                JsonElement? Field(string name) =>
                    root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } p
                        ? p.Value : null;
                var truth = Field("truth") ?? Field("price");
                var guess = Field("guess");
                sawTruth |= truth is not null;
                sawGuess |= guess is not null;
                AddRow(rows, problems, line, Field("title") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null,
                    truthText: null, truth, guessText: null, guess);
            }
        }
        if (line == 0 || (objects == 0 && problems.Count == 0)) throw new InvalidDataException($"{path} is empty: expected JSON lines with 'truth' (or 'price') and 'guess'.");
        if (objects > 0) RequireColumns(path, sawTruth, sawGuess, "in no line");
    }

    private static void RequireColumns(string path, bool hasTruth, bool hasGuess, string context)
    {
        if (!hasTruth) throw new InvalidDataException($"{path} has no 'truth' (or 'price') column ({context}).");
        if (!hasGuess) throw new InvalidDataException($"{path} has no 'guess' column ({context}).");
    }

    // A row's truth and guess arrive as CSV text or as JSON values; both end up here.
    private static void AddRow(List<ScoreRow> rows, List<RowProblem> problems, int line, string? title,
        string? truthText, JsonElement? truth, string? guessText, JsonElement? guess)
    {
        string? truthProblem = ReadTruth(truthText, truth, out double truthValue);
        if (truthProblem is not null)
        {
            problems.Add(new RowProblem(line, truthProblem));
            return;
        }
        string? reply = guess is { ValueKind: JsonValueKind.String } g ? g.GetString() : guessText;
        double guessValue;
        if (guess is { ValueKind: JsonValueKind.Number } number)
        {
            // Numbers beyond double's range come back as ±∞ and are then failed as non-finite guesses.
            guessValue = double.Parse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            reply = null;
        }
        else if (reply is { Length: > 0 })
        {
            guessValue = PriceParser.ParseGuessField(reply);
        }
        else
        {
            problems.Add(new RowProblem(line, "no guess"));
            return;
        }
        rows.Add(new ScoreRow(line, string.IsNullOrEmpty(title) ? $"line {line}" : title, truthValue, guessValue, reply));
    }

    private static string? ReadTruth(string? text, JsonElement? json, out double value)
    {
        value = 0;
        if (json is { ValueKind: JsonValueKind.Number } number)
            text = number.GetRawText();
        else if (json is { ValueKind: JsonValueKind.String } s)
            text = s.GetString();
        else if (json is { ValueKind: not JsonValueKind.Null } other)
            return $"the truth is not a number ({other.GetRawText()})";
        if (string.IsNullOrWhiteSpace(text)) return "no truth";
        if (!PythonFloat.TryParse(text, out value))
            return $"the truth '{text}' is not a number";
        if (!double.IsFinite(value)) return $"the truth '{text}' is not finite";
        if (value < 0) return $"the truth {text} is negative";
        return null;
    }
}
