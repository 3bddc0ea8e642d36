using System.Globalization;
using System.Text;

namespace PricerLib.Classical;

/// <summary>
/// The two tokenizers of the course's day 3, with Python's <c>re</c> meaning of <c>\w</c> (letters, numbers of any
/// kind, underscore; code points, not UTF-16 units) rather than .NET's (which adds combining marks and every
/// connector punctuation, and drops number letters such as Ⅻ and ²). Hand-written scans, because a .NET regex
/// cannot be given Python's character classes.
/// </summary>
public static class PythonTokens
{
    /// <summary>
    /// scikit-learn's <c>CountVectorizer</c> analyzer before stop words: <c>doc.lower()</c>, then every match of
    /// <c>(?u)\b\w\w+\b</c> — that is, every maximal run of two or more word characters.
    /// </summary>
    public static List<string> CountVectorizerTokens(string document) => Runs(Lower(document), IsWord, minLength: 2, maxLength: int.MaxValue);

    /// <summary>
    /// gensim's <c>simple_preprocess(doc)</c>: lower case, runs of word characters that are not decimal digits
    /// (<c>((?!\d)\w)+</c>), kept when 2–15 characters long and not starting with an underscore.
    /// </summary>
    public static List<string> SimplePreprocess(string document)
    {
        var tokens = Runs(Lower(document), r => IsWord(r) && !IsDecimal(r), minLength: 2, maxLength: 15);
        tokens.RemoveAll(t => t.StartsWith('_'));
        return tokens;
    }

    // .NET's invariant lower casing equals Python's str.lower() except for a few letters whose lower case is longer
    // (İ → i̇ in Python, one letter in .NET); those do not change which runs are words.
    private static string Lower(string text) => text.ToLowerInvariant();

    /// <summary>Python's <c>\w</c> for a str pattern: <c>c.isalnum() or c == '_'</c>.</summary>
    public static bool IsWord(Rune rune) => rune.Value == '_' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    // Python's \d: Unicode decimal digits (Nd).
    private static bool IsDecimal(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber;

    private static List<string> Runs(string text, Func<Rune, bool> inRun, int minLength, int maxLength)
    {
        var tokens = new List<string>();
        int start = -1, length = 0, at = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (inRun(rune))
            {
                if (start < 0) { start = at; length = 0; }
                length++;
            }
            else if (start >= 0)
            {
                Add(start, at);
                start = -1;
            }
            at += rune.Utf16SequenceLength;
        }
        if (start >= 0) Add(start, at);
        return tokens;

        void Add(int from, int to)
        {
            if (length >= minLength && length <= maxLength) tokens.Add(text[from..to]);
        }
    }
}
