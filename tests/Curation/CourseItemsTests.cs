using System.Collections.Concurrent;
using System.Text.Json;
using PricerLib.Data;
using PricerLib.Tests.Support;
using PricerLib.Text;
using PricerLib.Tokenization;
using Xunit.Abstractions;

namespace PricerLib.Tests.Curation;

/// <summary>
/// The port against the course itself: <c>../shared/data/amazon-items-2024.jsonl</c> holds 10,439 prompts made by the
/// course's 2024 <c>Item</c> code. The rows keep title, price and details but not description and features, so each
/// check rebuilds what those fields decide and compares it with the course's prompt.
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public class CourseItemsTests(ITestOutputHelper output)
{
    private const string Question = "How much does this cost to the nearest dollar?\n\n";

    /// <summary>A share of rows whose stored title is not the one the course scrubbed (the file's sources
    /// re-derived a few titles from the prompt, e.g. "Rack .9.37" stored as "Rack.9.37").</summary>
    private const double TolerableDataQuirks = 0.001;

    private sealed record CourseRow(int Line, string Title, string PriceText, double Price, string? Details, string Prompt)
    {
        /// <summary>The prompt between the question and the price line: scrubbed title, '\n', scrubbed contents.</summary>
        public string Text => Prompt[Question.Length..Prompt.LastIndexOf("\n\nPrice is $", StringComparison.Ordinal)];
    }

    private static readonly Lazy<IReadOnlyList<CourseRow>> LoadedRows = new(() => File.ReadLines(Shared.Items)
        .Select((line, index) =>
        {
            using var json = JsonDocument.Parse(line);
            var row = json.RootElement;
            var price = row.GetProperty("price");
            return new CourseRow(index + 1, row.GetProperty("title").GetString()!, price.GetRawText(), price.GetDouble(),
                row.GetProperty("details").GetString(), row.GetProperty("prompt").GetString()!);
        })
        .ToList());

    private static readonly Lazy<ItemCurator> SharedCurator =
        new(() => new ItemCurator(Llama3Tokenizer.FromTiktokenFile(Shared.Llama3TokenizerModel)));

    private static IReadOnlyList<CourseRow> Rows()
    {
        _ = Shared.Items;
        _ = Shared.Llama3TokenizerModel;
        return LoadedRows.Value;
    }

    private static string Reds(int count) => string.Join(' ', Enumerable.Repeat("red", count));

    private static string TextOf(Item item) => new CourseRow(0, "", "", 0, null, item.Prompt).Text;

    private static string PriceLine(string prompt) => prompt[prompt.LastIndexOf("\n\nPrice is $", StringComparison.Ordinal)..];

    [SkippableFact]
    public void The_title_line_and_the_price_line_equal_the_curators()
    {
        var rows = Rows();
        var curator = SharedCurator.Value;
        var titleMismatches = new ConcurrentBag<string>();
        var priceMismatches = new ConcurrentBag<string>();
        Parallel.ForEach(rows, row =>
        {
            // Filler contents that pass both filters, so the prompt shows the curator's treatment of title and price.
            var item = curator.Curate(new RawProduct(row.Title, null, row.PriceText, [Reds(200)], [], null)).Item!;
            Assert.StartsWith(Question, row.Prompt);
            string ours = TextOf(item).Split('\n')[0], course = row.Text.Split('\n')[0];
            if (ours != course) titleMismatches.Add($"line {row.Line}: course {course} | ours {ours}");
            if (PriceLine(item.Prompt) != PriceLine(row.Prompt)) priceMismatches.Add($"line {row.Line}: {row.PriceText}");
        });
        foreach (var m in titleMismatches.Concat(priceMismatches)) output.WriteLine(m);
        var ties = rows.Where(r => r.Price % 1 == 0.5).ToList();
        output.WriteLine($"{rows.Count - titleMismatches.Count:N0} of {rows.Count:N0} title lines and " +
            $"{rows.Count - priceMismatches.Count:N0} price lines equal the curator's; {ties.Count} prices are ties (x.5).");

        Assert.Empty(priceMismatches);
        // The data exercises the tie rule: some x.5 price rounds down (to even), where away-from-zero would not.
        Assert.Contains(ties, r => PythonRound.ToInteger(r.Price) < (long)Math.Round(r.Price, MidpointRounding.AwayFromZero));
        Assert.True(rows.All(r => r.Text.Contains('\n')), "every course text holds its whole title line");
        Assert.InRange(titleMismatches.Count, 0, (int)(rows.Count * TolerableDataQuirks));
    }

    /// <summary>Characters of the curator's details text looked for in the course's text: enough to be unique.</summary>
    private const int DetailsKeyLength = 30;

    /// <summary>The text after the title line.</summary>
    private static string ContentsLine(string text) => text[(text.IndexOf('\n') + 1)..];

    /// <summary>Marks where the filler after the details starts; no scrub or clean-up step touches it.</summary>
    private const string FillerMark = " \u2042 ";

    /// <summary>
    /// The curator's contents line for a row's details alone (a filler after them passes the filters; it is cut off
    /// again), or null where the details scrub to too little to look for, or to 150 tokens or fewer (long part
    /// numbers): no prompt then.
    /// </summary>
    private static string? DetailsLine(CourseRow row) => DetailsLines.Value[row.Line - 1];

    private static readonly Lazy<string?[]> DetailsLines =
        new(() => Rows().AsParallel().AsOrdered().Select(row => CurateDetailsLine(SharedCurator.Value, row)).ToArray());

    private static string? CurateDetailsLine(ItemCurator curator, CourseRow row)
    {
        if (string.IsNullOrEmpty(row.Details) || ItemScrubber.Scrub(ItemScrubber.ScrubDetails(row.Details)).Length < DetailsKeyLength)
            return null;
        var outcome = curator.Curate(new RawProduct("", null, "1", [], [], row.Details + FillerMark + Reds(300)));
        if (outcome.Item is null) Assert.Equal(SkipReason.TooFewTokens, outcome.Skip);
        if (outcome.Item is not { } item) return null;
        string line = ContentsLine(TextOf(item));
        int filler = line.IndexOf(FillerMark, StringComparison.Ordinal);
        return filler < 0 ? line : line[..filler];
    }

    [SkippableFact]
    public void Where_the_details_appear_they_equal_the_curators_scrubbed_details()
    {
        var rows = Rows().Where(r => !string.IsNullOrEmpty(r.Details)).ToList();
        var curator = SharedCurator.Value;
        int unsearchable = 0, notReached = 0, exact = 0, exceptLastWord = 0;
        var mismatches = new ConcurrentBag<string>();
        Parallel.ForEach(rows, row =>
        {
            if (DetailsLine(row) is not { } ours)
            {
                Interlocked.Increment(ref unsearchable);
                return;
            }
            string course = ContentsLine(row.Text);
            int at = course.IndexOf(ours[..DetailsKeyLength], StringComparison.Ordinal);
            if (at < 0)
            {
                Interlocked.Increment(ref notReached);
                return;
            }
            // The course's details run to the end of its text; its last word may be cut (1120 characters, 160 tokens).
            string part = course[at..];
            int lastSpace = part.LastIndexOf(' ');
            if (ours.StartsWith(part, StringComparison.Ordinal)) Interlocked.Increment(ref exact);
            else if (lastSpace > 0 && ours.StartsWith(part[..lastSpace], StringComparison.Ordinal)) Interlocked.Increment(ref exceptLastWord);
            else mismatches.Add($"line {row.Line}: course {part} | ours {ours}");
        });
        foreach (var m in mismatches) output.WriteLine(m);
        int found = exact + exceptLastWord + mismatches.Count;
        output.WriteLine($"{rows.Count:N0} rows with details: {found:N0} show them in the prompt ({exact:N0} equal a prefix of ours, " +
            $"{exceptLastWord:N0} up to a cut last word, {mismatches.Count} differ); {notReached:N0} end before them; " +
            $"{unsearchable:N0} scrub to under {DetailsKeyLength} characters or 150 tokens.");
        Assert.Empty(mismatches);
        Assert.True(found >= rows.Count / 10, $"only {found} rows showed their details: the search itself is suspect");
    }

    [SkippableFact]
    public void Rows_whose_text_is_title_and_details_alone_rebuild_byte_for_byte()
    {
        var curator = SharedCurator.Value;
        // Title and details alone: the course's contents line starts with the curator's details line.
        var candidates = Rows().AsParallel().AsOrdered()
            .Where(row => DetailsLine(row) is { } ours &&
                          ContentsLine(row.Text).StartsWith(ours[..DetailsKeyLength], StringComparison.Ordinal))
            .ToList();

        foreach (var row in candidates)
        {
            var outcome = curator.Curate(new RawProduct(row.Title, null, row.PriceText, [], [], row.Details));
            output.WriteLine($"line {row.Line}: {(outcome.Item?.Prompt == row.Prompt ? "equal" : $"differs ({outcome.Skip})")}");
            Assert.Equal(row.Prompt, outcome.Item?.Prompt);
            Assert.Equal(curator.Tokenizer.CountTokens(row.Prompt), outcome.Item!.TokenCount);
        }
        output.WriteLine($"{candidates.Count} title-and-details rows rebuilt byte for byte.");
        Assert.NotEmpty(candidates);
    }

    [SkippableFact]
    public void Where_the_details_appear_the_text_ends_at_the_courses_160th_token()
    {
        // The course's description and features are lost, but their scrubbed text is in its prompt up to the details.
        // Title + that borrowed text + the scrubbed details, through the curator, must give the course's text
        // where the clean-up cannot have changed the borrowed text (it holds none of . ? ! ') — or, where the course's
        // raw contents hit the 1120-character ceiling (raw lengths are lost), a text that the course's extends.
        var curator = SharedCurator.Value;
        var results = Rows().AsParallel().Select(row =>
        {
            if (DetailsLine(row) is not { } ours) return (Row: row, Verdict: "");
            string course = ContentsLine(row.Text);
            int at = course.IndexOf(ours[..DetailsKeyLength], StringComparison.Ordinal);
            if (at < 0) return (Row: row, Verdict: "");
            string borrowed = course[..at];
            if (borrowed.IndexOfAny(['.', '?', '!', '\'']) >= 0) return (Row: row, Verdict: "clean-up may have changed the borrowed text");
            // The details as scrubbed before the cut, not as cleaned up after it (" .01" would join the word before).
            string details = ItemScrubber.Scrub(ItemScrubber.ScrubDetails(row.Details!));
            var item = curator.Curate(new RawProduct(row.Title, null, "1", [borrowed + details], [], null)).Item;
            string rebuilt = item is null ? "" : TextOf(item);
            return (Row: row, Verdict: rebuilt == row.Text ? "equal" : rebuilt.StartsWith(row.Text, StringComparison.Ordinal)
                ? "course text ends earlier (1120-character ceiling)" : "differs");
        }).Where(r => r.Verdict != "").ToList();

        foreach (var group in results.GroupBy(r => r.Verdict))
            output.WriteLine($"{group.Key}: {group.Count():N0}");
        foreach (var (row, _) in results.Where(r => r.Verdict == "differs"))
            output.WriteLine($"line {row.Line} differs: {row.Text}");
        Assert.DoesNotContain(results, r => r.Verdict == "differs");
        Assert.Contains(results, r => r.Verdict == "equal");
    }

    [SkippableFact]
    public void Every_course_text_has_at_most_160_tokens_unless_the_clean_up_split_a_contraction()
    {
        var rows = Rows();
        var tokenizer = SharedCurator.Value.Tokenizer;
        var counts = rows.AsParallel().AsOrdered().Select(r => tokenizer.CountTokens(r.Text)).ToList();
        // The clean-up runs after the cut: "story ' scenes '" becomes "story'scenes'", which re-encodes as
        // "'s" + "cenes" — one token more than the course cut. Such texts must hold an apostrophe, and be rare.
        var over = rows.Zip(counts).Where(p => p.Second > ItemCurator.MaxTokens).ToList();
        foreach (var (row, count) in over)
            output.WriteLine($"line {row.Line}: {count} tokens: {row.Text}");
        output.WriteLine($"text tokens: min {counts.Min()}, max {counts.Max()}; {over.Count} of {counts.Count:N0} over {ItemCurator.MaxTokens}.");
        Assert.All(over, p => Assert.Contains('\'', p.First.Text));
        Assert.InRange(over.Count, 0, (int)(rows.Count * TolerableDataQuirks));
    }
}
