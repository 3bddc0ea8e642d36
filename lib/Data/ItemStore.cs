using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PricerLib.Data;

/// <summary>
/// Saves and loads items as JSONL (gzip when the path ends in .gz) in the shared data's schema: <c>title</c>,
/// <c>category</c>, <c>price</c>, <c>details</c>, <c>prompt</c>, plus <c>token_count</c> where known; items of the
/// 2025 edition (with a summary, full text, weight or id) in the course's 2025 schema, <c>title, category, price,
/// full, weight, summary, prompt, id</c>.
/// Also loads the course's published <c>pricer-data</c> rows (<c>text</c> + <c>price</c>) as JSONL or Parquet.
/// </summary>
public static class ItemStore
{
    /// <summary>
    /// <paramref name="items"/>, checking <paramref name="cancellationToken"/> before each one: a writer fed by a
    /// pipeline that reads ahead then stops at the item being written, promptly, on a signal.
    /// </summary>
    public static IEnumerable<Item> Cancellable(IEnumerable<Item> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    /// <summary>Lines parsed together: large enough to keep every core busy, small enough to stream big files.</summary>
    private const int BatchSize = 4096;

    /// <summary>
    /// The default encoder writes every non-ASCII character (and HTML-sensitive ones like &lt; &amp; ') as \uXXXX,
    /// which bloats product text and makes files hard to read; the relaxed one escapes only what JSON requires.
    /// These files are data, never embedded in HTML, so the HTML-safety the default buys is not needed.
    /// </summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes <paramref name="items"/> to <paramref name="path"/> atomically (temp file in the same folder, then move),
    /// one JSON object per line, gzip-compressed when the path ends in <c>.gz</c>. Creates the folder if needed.
    /// If enumerating <paramref name="items"/> or writing fails, no file (and no temp file) is left behind.
    /// </summary>
    public static void Save(IEnumerable<Item> items, string path)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Write(items, stream));
    }

    /// <summary>Writes <paramref name="items"/> to <paramref name="stream"/>, one JSON object per line.</summary>
    internal static void Write(IEnumerable<Item> items, Stream stream)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        using var writer = new Utf8JsonWriter(buffered, WriterOptions);
        foreach (var item in items)
        {
            WriteItem(writer, item);
            writer.Flush();
            writer.Reset();
            buffered.WriteByte((byte)'\n');
        }
        buffered.Flush();
    }

    /// <summary>
    /// Appends <paramref name="items"/> to <paramref name="lines"/> as <see cref="Save"/> writes them, one JSON object
    /// per line: a pipeline's workers serialize their batches so that its writer only copies bytes.
    /// </summary>
    internal static void WriteLines(IEnumerable<Item> items, IBufferWriter<byte> lines)
    {
        using var writer = new Utf8JsonWriter(lines, WriterOptions);
        foreach (var item in items)
        {
            WriteItem(writer, item);
            writer.Flush();
            writer.Reset();
            lines.Write("\n"u8);
        }
    }

    /// <summary>
    /// Loads any items file the library knows: our JSONL(.gz), <c>../shared/data/amazon-items-2024.jsonl</c>,
    /// or the course's <c>pricer-data</c> rows (<c>text</c> + <c>price</c>) as JSONL(.gz) or Parquet.
    /// Gzip and Parquet are recognised by their magic bytes, not the file name. Blank lines are ignored; a row without
    /// a <c>title</c> takes the first line after the question in its prompt (as pricer-data rows must).
    /// </summary>
    /// <exception cref="ItemFileException">The file is missing, empty, broken, or has a bad row (named by line).</exception>
    public static IReadOnlyList<Item> Load(string path) => Load(path, BadRows.Throw).Items;

    /// <summary>
    /// Like <see cref="Load(string)"/>, but with <see cref="BadRows.Skip"/> bad rows are left out and counted in the
    /// result instead of failing the load. A file with no valid item still throws ("no items in …").
    /// </summary>
    /// <exception cref="ItemFileException">The file is missing, empty or broken, or (with <see cref="BadRows.Throw"/>) has a bad row.</exception>
    public static ItemLoadResult Load(string path, BadRows badRows)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new ItemFileException(path, Directory.Exists(path) ? $"{path} is a folder, not an items file" : $"{path} does not exist");

        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        int got = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (got == 0) throw new ItemFileException(path, $"no items in {path} (the file is empty)");

        var result = magic[..got] switch
        {
            [(byte)'P', (byte)'A', (byte)'R', (byte)'1'] => LoadParquet(file, path, badRows),
            [0x1f, 0x8b, ..] => LoadJsonLines(DataFiles.Gunzip(file), path, badRows),
            _ => LoadJsonLines(file, path, badRows),
        };
        if (result.Items.Count == 0)
            throw new ItemFileException(path, result.SkippedCount == 0
                ? $"no items in {path} (no rows)"
                : $"no items in {path}: {result.DescribeSkips()}");
        return result;
    }

    private static void WriteItem(Utf8JsonWriter writer, Item item)
    {
        if (item.HasCourse2025Fields)
        {
            WriteCourse2025Item(writer, item);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("title", item.Title);
        writer.WriteString("category", item.Category);
        writer.WriteNumber("price", item.Price);
        writer.WriteString("details", item.Details);
        writer.WriteString("prompt", item.Prompt);
        if (item.TokenCount is { } tokens) writer.WriteNumber("token_count", tokens);
        writer.WriteEndObject();
    }

    /// <summary>
    /// A 2025 item in the course's <c>Item.model_dump()</c> order and fields (<c>title, category, price, full, weight,
    /// summary, prompt, id</c>, nulls written), plus <c>details</c> and <c>token_count</c> only where known.
    /// </summary>
    private static void WriteCourse2025Item(Utf8JsonWriter writer, Item item)
    {
        writer.WriteStartObject();
        writer.WriteString("title", item.Title);
        writer.WriteString("category", item.Category);
        writer.WriteNumber("price", item.Price);
        writer.WriteString("full", item.Full);
        WriteNumberOrNull(writer, "weight", item.Weight);
        writer.WriteString("summary", item.Summary);
        writer.WriteString("prompt", item.Prompt.Length == 0 ? null : item.Prompt); // a raw item's prompt is None in the course
        WriteNumberOrNull(writer, "id", item.Id);
        if (item.Details is not null) writer.WriteString("details", item.Details);
        if (item.TokenCount is { } tokens) writer.WriteNumber("token_count", tokens);
        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }

    /// <summary>
    /// Stands for each invalid UTF-8 sequence, so the row can be skipped and counted rather than read with U+FFFD in
    /// it: U+FFFF is a noncharacter, which product text does not hold (a row that did would be skipped too).
    /// </summary>
    private const char InvalidUtf8Mark = '\uFFFF';

    private static readonly Encoding MarkingUtf8 =
        Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(InvalidUtf8Mark.ToString()));

    /// <summary>Reads lines in batches, parses each batch on all cores, and keeps file order.</summary>
    private static ItemLoadResult LoadJsonLines(Stream stream, string path, BadRows badRows)
    {
        var collector = new Collector(path, badRows);
        var batch = new List<(string Text, int Number)>(BatchSize);
        var outcomes = new ItemRowParser.Outcome[BatchSize];

        void ParseBatch()
        {
            Parallel.For(0, batch.Count, i => outcomes[i] = ItemRowParser.ParseJson(batch[i].Text));
            for (int i = 0; i < batch.Count; i++) collector.Add(outcomes[i], $"line {batch[i].Number:N0}");
            batch.Clear();
        }

        using var reader = new StreamReader(stream, MarkingUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        int lineNumber = 0;
        while (ReadLine(reader, path, lineNumber) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (line.Contains(InvalidUtf8Mark))
            {
                ParseBatch(); // keeps file order
                collector.Add(ItemRowParser.Outcome.Bad(ItemRowProblem.InvalidUtf8, "bytes that are not UTF-8"), $"line {lineNumber:N0}");
                continue;
            }
            batch.Add((line, lineNumber));
            if (batch.Count == BatchSize) ParseBatch();
        }
        ParseBatch();
        return collector.Result();
    }

    private static string? ReadLine(StreamReader reader, string path, int linesRead)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (Exception e) when (e is InvalidDataException || DataFiles.IsBrokenInput(e))
        {
            throw new ItemFileException(path, $"{path} is truncated or corrupt after line {linesRead:N0}: {e.Message}", e);
        }
    }

    private static ItemLoadResult LoadParquet(Stream stream, string path, BadRows badRows)
    {
        List<ItemRowParser.Fields> rows;
        try
        {
            // Parquet.Net is async-only; run it off any caller's synchronisation context (notebooks have one).
            rows = Task.Run(() => ParquetItemReader.ReadAsync(stream, path)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not ItemFileException)
        {
            throw new ItemFileException(path, $"{path} is not a readable Parquet file: {e.Message}", e);
        }
        var collector = new Collector(path, badRows);
        for (int i = 0; i < rows.Count; i++) collector.Add(ItemRowParser.Build(rows[i]), $"row {i + 1:N0}");
        return collector.Result();
    }

    /// <summary>Gathers items in order; a bad row throws or is counted, as the caller asked.</summary>
    private sealed class Collector(string path, BadRows badRows)
    {
        private readonly List<Item> _items = [];
        private readonly List<ItemRowSkip> _skips = [];

        public void Add(ItemRowParser.Outcome outcome, string location)
        {
            if (outcome.Item is { } item)
            {
                _items.Add(item);
                return;
            }
            var skip = new ItemRowSkip(location, outcome.Problem, outcome.Detail);
            if (badRows == BadRows.Throw) throw new ItemFileException(path, skip);
            _skips.Add(skip);
        }

        public ItemLoadResult Result() => new(path, _items, _skips);
    }
}
