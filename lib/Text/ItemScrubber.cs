using System.Buffers;
using System.Text;

namespace PricerLib.Text;

/// <summary>
/// The course's 2024 <c>Item.scrub_details</c> and <c>Item.scrub</c>, with Python's string semantics.
/// Loops instead of a Regex: Python's <c>\s</c> is not .NET's (U+001C–U+001F), and this runs on millions of rows.
/// </summary>
public static class ItemScrubber
{
    /// <summary>The course's <c>REMOVALS</c>, deleted from the details text in this order.</summary>
    public static IReadOnlyList<string> Removals { get; } =
    [
        "\"Batteries Included?\": \"No\"", "\"Batteries Included?\": \"Yes\"",
        "\"Batteries Required?\": \"No\"", "\"Batteries Required?\": \"Yes\"",
        "By Manufacturer", "Item", "Date First", "Package", ":", "Number of", "Best Sellers", "Number", "Product ",
    ];

    /// <summary>Words of this many code points or more are dropped when they contain a digit (part numbers, ASINs).</summary>
    public const int LongWordLength = 7;

    /// <summary><c>scrub_details</c>: removes each of <see cref="Removals"/> (ordinal, like Python's <c>str.replace</c>).</summary>
    public static string ScrubDetails(string details)
    {
        ArgumentNullException.ThrowIfNull(details);
        char[] buffer = ArrayPool<char>.Shared.Rent(details.Length);
        details.CopyTo(buffer);
        string scrubbed = new(buffer, 0, ScrubDetails(buffer.AsSpan(0, details.Length)));
        ArrayPool<char>.Shared.Return(buffer);
        return scrubbed;
    }

    /// <summary><see cref="ScrubDetails(string)"/> in place, one removal after another; returns the new length.</summary>
    public static int ScrubDetails(Span<char> details)
    {
        int length = details.Length;
        foreach (var removal in Removals) length = RemoveAll(details[..length], removal);
        return length;
    }

    /// <summary><c>text.replace(removal, "")</c> in place (non-overlapping, left to right); returns the new length.</summary>
    private static int RemoveAll(Span<char> text, string removal)
    {
        int written = text.IndexOf(removal, StringComparison.Ordinal);
        if (written < 0) return text.Length;
        int read = written + removal.Length;
        while (true)
        {
            int next = text[read..].IndexOf(removal, StringComparison.Ordinal);
            int kept = next < 0 ? text.Length - read : next;
            text.Slice(read, kept).CopyTo(text[written..]); // overlapping, behind what is read: CopyTo moves safely
            written += kept;
            if (next < 0) return written;
            read += next + removal.Length;
        }
    }

    /// <summary>
    /// <c>scrub</c>: runs of <c>[:\[\]"{}【】\s]</c> (Python's <c>\s</c>) become one space, the ends are stripped,
    /// " ," becomes ",", then ",,," and ",," become ","; words (split on ' ') of 7+ code points that contain a
    /// Python digit are dropped. Two passes over one buffer, no string in between: this runs twice per curated row.
    /// </summary>
    public static string Scrub(string stuff)
    {
        char[]? rented = null;
        Span<char> buffer = stuff.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(stuff.Length));
        string scrubbed = new(buffer[..Scrub(stuff, buffer)]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return scrubbed;
    }

    /// <summary><see cref="Scrub(string)"/> into <paramref name="output"/> (as long as <paramref name="stuff"/> at least); returns the length.</summary>
    public static int Scrub(ReadOnlySpan<char> stuff, Span<char> output) =>
        MergeCommasAndDropWords(output[..CollapseSeparators(stuff, output)]);

    // Contents are cut to 1,120 code points before scrubbing: at most 2,240 UTF-16 units, on the stack.
    private const int StackChars = 2 * 1_120;

    /// <summary><see cref="IsSeparator"/> by UTF-16 unit, one look-up per character of the fast path's collapse.</summary>
    private static readonly bool[] Separators = [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => IsSeparator((char)c))];

    /// <summary>One of <c>[:\[\]"{}【】\s]</c>, with Python's <c>\s</c>.</summary>
    internal static bool IsSeparator(char c) =>
        c is ':' or '[' or ']' or '"' or '{' or '}' or '【' or '】' || PythonString.IsSpace(c);

    /// <summary>
    /// <c>re.sub(r'[:\[\]"{}【】\s]+', ' ', stuff).strip()</c> into <paramref name="output"/>; returns its length.
    /// Every separator is a single UTF-16 unit, so the result has single spaces only, none at either end.
    /// </summary>
    private static int CollapseSeparators(ReadOnlySpan<char> stuff, Span<char> output)
    {
        int length = 0;
        bool pendingSpace = false;
        foreach (char c in stuff)
        {
            if (Separators[c])
            {
                pendingSpace = true;
                continue;
            }
            // A run at the very start is dropped, as strip() would; one at the end is never flushed.
            if (pendingSpace && length > 0) output[length++] = ' ';
            pendingSpace = false;
            output[length++] = c;
        }
        return length;
    }

    /// <summary>
    /// In place over collapsed text: <c>.replace(" ,", ",").replace(",,,", ",").replace(",,", ",")</c>, then
    /// <c>" ".join(w for w in s.split(' ') if len(w) &lt; 7 or not any(c.isdigit() for c in w))</c>; returns the new length.
    /// With single spaces only, " ," joins the commas of ", , ," into one run of n, which ",,," leaves at n/3 + n%3
    /// and ",," then at half that, rounded up. Nothing is ever written ahead of what has been read.
    /// </summary>
    private static int MergeCommasAndDropWords(Span<char> text)
    {
        int written = 0, read = 0;
        int wordStart = -1; // where the word being written starts; -1 between words
        bool spaceBeforeWord = false;
        while (read < text.Length)
        {
            char c = text[read];
            bool commaRun = c == ',' || c == ' ' && read + 1 < text.Length && text[read + 1] == ',';
            if (c == ' ' && !commaRun)
            {
                written = EndWord(text, written, ref wordStart, spaceBeforeWord);
                read++;
                continue;
            }
            if (wordStart < 0)
            {
                spaceBeforeWord = written > 0; // joined to the kept words before it by one space
                if (spaceBeforeWord) text[written++] = ' ';
                wordStart = written;
            }
            if (!commaRun)
            {
                // The rest of the word, up to the next space or comma, in one move (never ahead of what is read).
                int run = text[read..].IndexOfAny(' ', ',');
                if (run < 0) run = text.Length - read;
                text.Slice(read, run).CopyTo(text[written..]);
                written += run;
                read += run;
                continue;
            }
            int commas = 0;
            while (read < text.Length && (text[read] == ',' || text[read] == ' ' && read + 1 < text.Length && text[read + 1] == ','))
                if (text[read++] == ',') commas++;
            int merged = commas / 3 + commas % 3;
            for (int i = (merged + 1) / 2; i > 0; i--) text[written++] = ',';
        }
        return EndWord(text, written, ref wordStart, spaceBeforeWord);
    }

    /// <summary>Keeps or drops the word just written; returns the length after it.</summary>
    private static int EndWord(Span<char> text, int written, ref int wordStart, bool spaceBeforeWord)
    {
        if (wordStart < 0) return written;
        var word = text[wordStart..written];
        // Most words are shorter than 7 units, so fewer code points: kept at once. An ASCII word has a code point per
        // char, and Python's digits among ASCII are 0-9 only.
        bool drop = word.Length >= LongWordLength
            && (Ascii.IsValid(word) ? word.ContainsAnyInRange('0', '9') : IsLongWordWithDigit(word));
        int end = drop ? wordStart - (spaceBeforeWord ? 1 : 0) : written;
        wordStart = -1;
        return end;
    }

    /// <summary>A word <c>scrub</c> drops: 7 code points or more, one of them a Python digit.</summary>
    internal static bool IsLongWordWithDigit(ReadOnlySpan<char> word) =>
        // A word of fewer than 7 UTF-16 units has fewer than 7 code points: kept without a closer look.
        word.Length >= LongWordLength && PythonString.Length(word) >= LongWordLength && PythonString.ContainsDigit(word);
}
