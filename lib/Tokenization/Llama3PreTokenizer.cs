using System.Globalization;

namespace PricerLib.Tokenization;

/// <summary>
/// Llama 3's split pattern (<see cref="Llama3Tokenizer.SplitPattern"/>) written out by hand, on code points: the same
/// pieces as <see cref="CodePointRegexPreTokenizer"/> with <see cref="Llama3Tokenizer.DotNetSplitPattern"/>, without
/// a regex, an enumerator or an allocation per piece.
/// </summary>
/// <remarks>
/// At each position the pattern's alternatives are tried in order, each with the regex's backtracking worked out:
/// <list type="table">
/// <item><term>A</term><description><c>(?i:'s|'t|'re|'ve|'m|'ll|'d)</c>: ASCII letters either case, and ſ (U+017F) for s.</description></item>
/// <item><term>B</term><description><c>[^\r\n\p{L}\p{N}]?\p{L}+</c>: a run of letters, with one leading character that is none of those.</description></item>
/// <item><term>C</term><description><c>\p{N}{1,3}</c>.</description></item>
/// <item><term>D</term><description><c> ?[^\s\p{L}\p{N}]+[\r\n]*</c>: the space only where an "other" follows it.</description></item>
/// <item><term>E</term><description><c>\s*[\r\n]+</c>: the white-space run up to and with its last CR/LF.</description></item>
/// <item><term>F</term><description><c>\s+(?!\S)</c>: the run, less its last character unless the text ends there.</description></item>
/// <item><term>G</term><description><c>\s+</c>: a single white-space character before a non-space (F failed).</description></item>
/// </list>
/// Classes come from .NET's Unicode tables, per code point; a lone surrogate is "other", as in the regex path.
/// </remarks>
public static class Llama3PreTokenizer
{
    private enum CharClass : byte { Other, Letter, Number, Space, LineBreak }

    // One entry per BMP character; supplementary code points are classified on demand (never white space).
    private static readonly CharClass[] Bmp = BuildTable();

    private static CharClass[] BuildTable()
    {
        var table = new CharClass[0x10000];
        for (int c = 0; c < table.Length; c++)
            table[c] = c is '\r' or '\n' ? CharClass.LineBreak
                : char.IsWhiteSpace((char)c) ? CharClass.Space
                : c is >= 0xD800 and <= 0xDFFF ? CharClass.Other
                : Classify(CharUnicodeInfo.GetUnicodeCategory(c));
        return table;
    }

    private static CharClass Classify(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharClass.Letter,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharClass.Number,
        _ => CharClass.Other,
    };

    /// <summary>The class of the code point at <paramref name="i"/> and its length in UTF-16 units (2 for a surrogate pair).</summary>
    private static CharClass At(ReadOnlySpan<char> s, int i, out int length)
    {
        char c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            length = 2;
            return Classify(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, s[i + 1])));
        }
        length = 1;
        return Bmp[c];
    }

    private static bool IsSpace(CharClass c) => c is CharClass.Space or CharClass.LineBreak;

    /// <summary>Whether <paramref name="c"/> is CR or LF, the characters that join a preceding "?\n\n" piece.</summary>
    public static bool IsLineBreak(char c) => c is '\r' or '\n';

    /// <summary>The end of the piece that starts at <paramref name="start"/> (&lt; the length) of <paramref name="s"/>.</summary>
    public static int NextPieceEnd(ReadOnlySpan<char> s, int start)
    {
        int n = s.Length;
        var first = At(s, start, out int firstLength);

        // A: contractions.
        if (s[start] == '\'' && start + 1 < n && ContractionLength(s, start) is > 0 and var contraction)
            return start + contraction;

        // B: letters, with an optional leading non-letter, non-number, non-CR/LF.
        if (first == CharClass.Letter) return LetterRunEnd(s, start + firstLength);
        if (first is CharClass.Other or CharClass.Space && start + firstLength < n && At(s, start + firstLength, out _) == CharClass.Letter)
            return LetterRunEnd(s, start + firstLength);

        // C: up to three numbers.
        if (first == CharClass.Number)
        {
            int end = start + firstLength;
            for (int k = 1; k < 3 && end < n && At(s, end, out int length) == CharClass.Number; k++) end += length;
            return end;
        }

        // D: others, after an optional space, then CR/LF.
        if (first == CharClass.Other) return OtherRunEnd(s, start);
        if (s[start] == ' ' && start + 1 < n && At(s, start + 1, out _) == CharClass.Other) return OtherRunEnd(s, start + 1);

        // E, F, G: white space (every white-space character is one UTF-16 unit).
        int runEnd = start;
        int lastLineBreak = -1;
        while (runEnd < n && IsSpace(Bmp[s[runEnd]]))
        {
            if (Bmp[s[runEnd]] == CharClass.LineBreak) lastLineBreak = runEnd;
            runEnd++;
        }
        if (lastLineBreak >= 0) return lastLineBreak + 1;
        if (runEnd == n || runEnd - start == 1) return runEnd;
        return runEnd - 1;
    }

    /// <summary>
    /// One past the last index that <see cref="NextPieceEnd"/> reads (or tests against the length) to find the piece
    /// [<paramref name="start"/>, <paramref name="end"/>): at most two past its end (a letter, number or "other" run
    /// reads the next code point, which may be a surrogate pair), except for a white-space piece, whose end depends on
    /// the whole white-space run (and the code point after it). Any text that agrees with <paramref name="s"/> before
    /// this index has the same piece there, since the split never looks behind a piece's start.
    /// </summary>
    public static int Horizon(ReadOnlySpan<char> s, int start, int end)
    {
        // Only E, F and G give a piece of white space alone; B and D pieces that start with one go on with a non-space.
        bool whiteSpacePiece = IsSpace(Bmp[s[start]]) && (end - start == 1 || IsSpace(Bmp[s[start + 1]]));
        if (!whiteSpacePiece) return end + 2;
        int runEnd = end;
        while (runEnd < s.Length && IsSpace(Bmp[s[runEnd]])) runEnd++;
        return runEnd + 2;
    }

    /// <summary>The length of the contraction at <paramref name="start"/> (an apostrophe), or 0.</summary>
    private static int ContractionLength(ReadOnlySpan<char> s, int start)
    {
        char a = s[start + 1];
        if (a is 's' or 'S' or 'ſ' or 't' or 'T' or 'm' or 'M' or 'd' or 'D') return 2;
        if (start + 2 >= s.Length) return 0;
        char b = s[start + 2];
        if (a is 'r' or 'R' or 'v' or 'V' && b is 'e' or 'E') return 3;
        if (a is 'l' or 'L' && b is 'l' or 'L') return 3;
        return 0;
    }

    private static int LetterRunEnd(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && At(s, i, out int length) == CharClass.Letter) i += length;
        return i;
    }

    /// <summary>From an "other" at <paramref name="i"/>: the run of others, then any CR/LF.</summary>
    private static int OtherRunEnd(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && At(s, i, out int length) == CharClass.Other) i += length;
        while (i < s.Length && s[i] is '\r' or '\n') i++;
        return i;
    }
}
