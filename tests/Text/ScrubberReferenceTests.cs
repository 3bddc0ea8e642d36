using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PricerLib.Tests.Support;
using PricerLib.Text;

namespace PricerLib.Tests.Text;

/// <summary>
/// The fast path's <see cref="ItemScrubber.Scrub"/> (two passes over one buffer) and the baseline's
/// <see cref="FirstPortScrubber.Scrub"/> against the course's <c>scrub</c> written as the course wrote it: a regex,
/// then chained replaces, then a split and a join, on every title, details text and prompt of the shared items and
/// on strings built to hit each rule's edges.
/// </summary>
public sealed class ScrubberReferenceTests
{
    /// <summary>Python's <c>\s</c> for str patterns: the code points <c>str.isspace()</c> accepts (all in the BMP).</summary>
    private static readonly string PythonSpaces = string.Concat(Enumerable.Range(0, 0x10000)
        .Where(PythonString.IsSpace).Select(c => $"\\u{c:X4}"));

    private static readonly Regex Separators = new($"[:\\[\\]\"{{}}【】{PythonSpaces}]+", RegexOptions.CultureInvariant);

    /// <summary>The course's 2024 <c>Item.scrub</c>, step by step.</summary>
    private static string CourseScrub(string stuff)
    {
        stuff = Separators.Replace(stuff, " ").Trim(' '); // after the sub, the only whitespace left is ' '
        stuff = stuff.Replace(" ,", ",").Replace(",,,", ",").Replace(",,", ",");
        var words = stuff.Split(' ').Where(w => PythonString.Length(w) < ItemScrubber.LongWordLength || !PythonString.ContainsDigit(w));
        return string.Join(' ', words);
    }

    private static void AssertBothAgree(string text)
    {
        string course = CourseScrub(text);
        Assert.Equal(course, ItemScrubber.Scrub(text));
        Assert.Equal(course, FirstPortScrubber.Scrub(text));
    }

    [SkippableFact]
    public void Agrees_with_the_course_on_every_shared_items_text()
    {
        int compared = 0;
        foreach (var line in File.ReadLines(Shared.Items))
        {
            if (line.Length == 0) continue;
            using var row = JsonDocument.Parse(line);
            foreach (var field in new[] { "title", "details", "prompt" })
            {
                if (!row.RootElement.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String) continue;
                string text = field == "details" ? ItemScrubber.ScrubDetails(value.GetString()!) : value.GetString()!;
                AssertBothAgree(text);
                compared++;
            }
        }
        Assert.True(compared > 20_000, $"only {compared} texts compared");
    }

    [Theory]
    [InlineData("")]
    [InlineData(",")]
    [InlineData(" , , ,")]
    [InlineData("a , , , , , , , b")]
    [InlineData("AB12345 ,x ,,,,,,,, y")]
    [InlineData("x ,ABCDEF1 y ,ABCDEF1")]
    [InlineData("ABCDEF1 ABCDEF2 keep ABCDEF3")]
    [InlineData("keep ABCDEF1")]
    [InlineData(":[ ]: {\"a\"} 【,】 ,b, ,c")]
    [InlineData("1234567,, ,, ,x")]
    public void Agrees_with_the_course_at_the_rules_edges(string text) => AssertBothAgree(text);

    [Fact]
    public void Agrees_with_the_course_on_random_strings_of_its_special_characters()
    {
        const string alphabet = " ,:[]\"{}【】\n\u00A0a1²𝐀";
        var random = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder();
            for (int n = random.Next(0, 40); n > 0; n--)
            {
                int pick = random.Next(alphabet.Length);
                text.Append(char.IsSurrogate(alphabet[pick]) ? "𝐀" : alphabet[pick].ToString());
            }
            AssertBothAgree(text.ToString());
        }
    }

    [Fact]
    public void Scrubs_a_text_longer_than_the_stack_buffer()
    {
        AssertBothAgree(string.Concat(Enumerable.Repeat("word , ABCDEF1 ,,, [x] ", 400)));
    }
}
