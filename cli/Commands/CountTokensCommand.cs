using System.ComponentModel;
using System.Text;
using System.Text.Json;
using PricerLib.Data;
using PricerLib.Tokenization;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer count-tokens</c>: one integer per JSONL line on stdout, in input order: the token count of a string field
/// without special tokens, or −1 where the line has no such field. Everything else goes to stderr.
/// </summary>
public sealed class CountTokensCommand : PricerCommand<CountTokensCommand.Settings>
{
    // Lines are counted in batches on all cores; a batch is written in order before the next is read.
    private const int BatchSize = 4096;
    private const int MaxLineWarnings = 20;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--tokenizer <PATH>")]
        [Description("Llama 3 tokenizer.model (tiktoken) or a GGUF model file. Default: $PRICER_TOKENIZER, else the one download-tokenizer fetched, else cl100k_base (approximate, with a warning).")]
        public string? Tokenizer { get; set; }

        [CommandOption("-i|--input <FILE>")]
        [Description("JSONL input, or .jsonl.gz.")]
        public string? Input { get; set; }

        [CommandOption("--field <NAME>")]
        [Description("The string field to count.")]
        [DefaultValue("prompt")]
        public string Field { get; set; } = "prompt";
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var stdout = Console.Out;
        var stderr = Console.Error;
        if (string.IsNullOrEmpty(settings.Input))
            return Fail(stderr, "--input FILE is required.");
        if (!File.Exists(settings.Input))
            return Fail(stderr, $"input file not found: {settings.Input}");

        ITextTokenizer tokenizer;
        try
        {
            tokenizer = TokenizerSource.Load(settings.Tokenizer, stderr);
        }
        catch (TokenizerLoadException e)
        {
            return Fail(stderr, e.Message);
        }

        try
        {
            using var reader = OpenText(settings.Input);
            var tally = Count(reader, tokenizer, settings.Field, stdout, stderr, cancellationToken);
            stdout.Flush();
            tally.Report(stderr, settings.Field);
            return Task.FromResult(0);
        }
        catch (Exception e) when (e is InvalidDataException or UnauthorizedAccessException || DataFiles.IsBrokenInput(e))
        {
            stdout.Flush();
            return Fail(stderr, $"reading {settings.Input} failed: {e.Message}");
        }
        finally
        {
            (tokenizer as IDisposable)?.Dispose();
        }
    }

    private static Task<int> Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"Error: {message}");
        return Task.FromResult(1);
    }

    /// <summary>A text reader over the file, gunzipped when it starts with the gzip magic bytes.</summary>
    private static StreamReader OpenText(string path)
    {
        return new StreamReader(DataFiles.OpenRead(path), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
    }

    private static Tally Count(TextReader reader, ITextTokenizer tokenizer, string field, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var lines = new List<string>(BatchSize);
        var counts = new int[BatchSize];
        var problems = new string?[BatchSize];
        var output = new StringBuilder();
        long firstLineNumber = 1;
        while (true)
        {
            lines.Clear();
            while (lines.Count < BatchSize && reader.ReadLine() is { } line)
                lines.Add(line);
            if (lines.Count == 0)
                return tally;
            cancellationToken.ThrowIfCancellationRequested();

            Parallel.For(0, lines.Count, i => counts[i] = CountLine(lines[i], field, tokenizer, out problems[i]));

            output.Clear();
            for (int i = 0; i < lines.Count; i++)
            {
                output.Append(counts[i]).Append('\n');
                tally.Add(counts[i], problems[i], firstLineNumber + i, stderr);
            }
            stdout.Write(output);
            firstLineNumber += lines.Count;
        }
    }

    /// <summary>The count of the line's string field; −1 with <paramref name="problem"/> set when the line is not a JSON object.</summary>
    private static int CountLine(string line, string field, ITextTokenizer tokenizer, out string? problem)
    {
        problem = null;
        string? text;
        try
        {
            using var document = JsonLine.ParseObject(line, out _, out var message);
            if (document is null)
            {
                problem = message;
                return -1;
            }
            // Repeated keys: the last one counts, as in Python's json (JsonElement.TryGetProperty finds the last).
            if (!document.RootElement.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
                return -1;
            text = value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses an escaped lone surrogate such as "\ud800".
            problem = $"the field cannot be read as text ({e.Message})";
            return -1;
        }
        return tokenizer.CountTokens(text);
    }

    /// <summary>The −1 lines, warned about line by line (up to a limit) and summed up at the end.</summary>
    private sealed class Tally
    {
        private long _lines;
        private long _malformed;
        private long _withoutField;

        public void Add(int count, string? problem, long lineNumber, TextWriter stderr)
        {
            _lines++;
            if (problem is not null)
            {
                if (++_malformed <= MaxLineWarnings)
                    stderr.WriteLine($"warning: line {lineNumber}: {problem}; printed -1.");
            }
            else if (count < 0)
            {
                _withoutField++;
            }
        }

        public void Report(TextWriter stderr, string field)
        {
            if (_lines == 0)
                stderr.WriteLine("warning: the input has no lines; nothing to count.");
            if (_malformed > MaxLineWarnings)
                stderr.WriteLine($"warning: {_malformed - MaxLineWarnings:N0} more lines that are not JSON objects printed -1.");
            if (_withoutField > 0)
                stderr.WriteLine($"note: {_withoutField:N0} lines have no string field '{field}' and printed -1.");
        }
    }
}
