using PricerLib.Text;

namespace PricerLib.Tests.Text;

public class PythonStringTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("𝐍𝐨𝐭𝐞", 4)]          // 8 UTF-16 units, 4 Python characters
    [InlineData("a😀b", 3)]
    public void Length_counts_code_points_not_utf16_units(string s, int expected) =>
        Assert.Equal(expected, PythonString.Length(s));

    [Fact]
    public void Length_counts_a_lone_surrogate_as_one_code_point_as_python_does()
    {
        // Built in code: attribute strings cannot carry lone surrogates.
        const char high = '\uD83D', low = '\uDC00';
        Assert.Equal(3, PythonString.Length($"a{high}b"));
        Assert.Equal(2, PythonString.Length($"{low}{high}"));  // reversed halves are not a pair
        Assert.False(PythonString.ContainsDigit($"{high}"));
    }

    [Theory]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("abc", 10, "abc")]
    [InlineData("abc", 0, "")]
    [InlineData("𝐀𝐁𝐂", 2, "𝐀𝐁")]  // .NET's s[..2] would give the first character only
    [InlineData("x𝐀y", 2, "x𝐀")]
    public void Prefix_slices_in_code_points(string s, int count, string expected) =>
        Assert.Equal(expected, PythonString.Prefix(s, count));

    [Fact]
    public void Prefix_never_splits_a_surrogate_pair_where_a_utf16_slice_would()
    {
        string s = new string('a', 1119) + "😀tail";
        Assert.Equal(new string('a', 1119) + "😀", PythonString.Prefix(s, 1120));
        Assert.True(char.IsHighSurrogate(s[..1120][^1]), "the naive .NET slice ends in half a character");
    }

    [Theory]
    // Python's str.isspace() is true for exactly these (checked against CPython 3.11 over all code points).
    [InlineData(0x09)] [InlineData(0x0A)] [InlineData(0x0B)] [InlineData(0x0C)] [InlineData(0x0D)]
    [InlineData(0x1C)] [InlineData(0x1D)] [InlineData(0x1E)] [InlineData(0x1F)] [InlineData(0x20)]
    [InlineData(0x85)] [InlineData(0xA0)] [InlineData(0x1680)] [InlineData(0x2000)] [InlineData(0x2005)]
    [InlineData(0x200A)] [InlineData(0x2028)] [InlineData(0x2029)] [InlineData(0x202F)] [InlineData(0x205F)]
    [InlineData(0x3000)]
    public void IsSpace_is_true_for_python_whitespace(int codePoint) => Assert.True(PythonString.IsSpace(codePoint));

    [Theory]
    [InlineData(0x08)] [InlineData(0x1B)] [InlineData(0x21)] [InlineData(0x200B)] [InlineData(0xFEFF)]
    [InlineData(0x180E)] [InlineData(0x2060)] [InlineData('a')] [InlineData(0x1F600)]
    public void IsSpace_is_false_elsewhere(int codePoint) => Assert.False(PythonString.IsSpace(codePoint));

    [Fact]
    public void IsSpace_differs_from_dotnet_on_the_information_separators()
    {
        // .NET's char.IsWhiteSpace and Regex \s miss U+001C–U+001F, which Python's \s and strip() include.
        Assert.False(char.IsWhiteSpace('\u001C'));
        Assert.True(PythonString.IsSpace(0x1C));
    }

    [Theory]
    [InlineData("7", true)]
    [InlineData("٣", true)]   // Arabic-Indic three (Decimal)
    [InlineData("²", true)]   // superscript two (Digit, not Decimal)
    [InlineData("①", true)]   // circled one (Digit)
    [InlineData("𝟏", true)]   // mathematical bold one, outside the BMP
    [InlineData("⅕", false)]  // vulgar fraction (Numeric, not Digit)
    [InlineData("四", false)]  // CJK numeral (Numeric)
    [InlineData("x", false)]
    public void IsDigit_follows_python_isdigit(string character, bool expected) =>
        Assert.Equal(expected, PythonString.IsDigit(char.ConvertToUtf32(character, 0)));

    [Fact]
    public void IsDigit_is_wider_than_dotnet_IsDigit()
    {
        Assert.False(char.IsDigit('²'));
        Assert.False(char.IsDigit('①'));
        Assert.True(PythonString.IsDigit('²'));
        Assert.True(PythonString.IsDigit('①'));
    }

    [Theory]
    [InlineData("ABCDEFG", false)]
    [InlineData("ABC1EFG", true)]
    [InlineData("ABC²EFG", true)]
    [InlineData("model𝟏", true)]
    [InlineData("𝐍𝐨𝐭𝐞", false)]
    public void ContainsDigit_reads_every_code_point(string s, bool expected) =>
        Assert.Equal(expected, PythonString.ContainsDigit(s));

    [Theory]
    [InlineData("  a b  ", "a b")]
    [InlineData("\u001C\u00A0a\u3000\u2029", "a")]
    [InlineData("\u200Ba\uFEFF", "\u200Ba\uFEFF")]  // zero-width space and BOM stay, as in Python
    [InlineData("   ", "")]
    [InlineData("abc", "abc")]
    public void Strip_trims_python_whitespace(string s, string expected) => Assert.Equal(expected, PythonString.Strip(s));

    [Fact]
    public void Strip_differs_from_dotnet_Trim()
    {
        Assert.Equal("\u001Ca", "\u001Ca".Trim());
        Assert.Equal("a", PythonString.Strip("\u001Ca"));
    }
}
