using PricerLib.Evaluation;

namespace PricerLib.Tests.Evaluation;

public class CourseFormatTests
{
    // Expected strings are Python 3's: f"{x:,.2f}", f"{x:.1f}", and s.replace("_", " ").title().
    [Theory]
    [InlineData(1234567.891, "1,234,567.89")]
    [InlineData(-5, "-5.00")]
    [InlineData(0.125, "0.12")]   // an exact binary tie: Python rounds half to even
    [InlineData(0.375, "0.38")]
    [InlineData(2.675, "2.67")]   // really 2.67499999…: no tie
    [InlineData(340.74, "340.74")]
    public void Number_formats_like_python_comma_2f(double value, string expected) =>
        Assert.Equal(expected, CourseFormat.Number(value));

    [Theory]
    [InlineData(0.25, "0.2")]
    [InlineData(0.35, "0.3")]
    [InlineData(11.6, "11.6")]
    public void Fixed_formats_like_python_1f(double value, string expected) => Assert.Equal(expected, CourseFormat.Fixed(value, 1));

    [Theory]
    [InlineData("gpt_4o_mini", "Gpt 4O Mini")]
    [InlineData("hello world", "Hello World")]
    [InlineData("they're bill's", "They'Re Bill'S")]
    [InlineData("ÉCOLE élève", "École Élève")]
    [InlineData("x1y2z", "X1Y2Z")]
    [InlineData("ǆemal", "ǅemal")]
    [InlineData("HTTP-server v2.0", "Http-Server V2.0")]
    [InlineData("  leading", "  Leading")]
    [InlineData("random", "Random")]
    public void TitleFromName_matches_python_title(string name, string expected) => Assert.Equal(expected, CourseFormat.TitleFromName(name));

    [Fact]
    public void ShortTitle_cuts_at_40_code_points_and_adds_dots()
    {
        Assert.Equal(new string('a', 40), CourseFormat.ShortTitle(new string('a', 40)));
        Assert.Equal(new string('a', 40) + "...", CourseFormat.ShortTitle(new string('a', 41)));
        // 𝐁 is one code point (two UTF-16 units): Python counts it once.
        Assert.Equal(string.Concat(Enumerable.Repeat("𝐁", 40)) + "...", CourseFormat.ShortTitle(string.Concat(Enumerable.Repeat("𝐁", 41))));
    }

    [Theory]
    [InlineData("$1,299.00", 1299)]
    [InlineData("Price is $45.99.", 45.99)]
    [InlineData("no idea", 0)]
    [InlineData(".5", 0.5)]
    [InlineData("-5.5", -5.5)]
    // The course's regex `[-+]?\d*\.\d+|\d+` gives the sign to the decimal alternative only: Python's re.search
    // finds "5" in "-5". We score like the course, so a bare negative integer reads as positive.
    [InlineData("-5", 5)]
    [InlineData("about 12 or 13 dollars", 12)]
    [InlineData("", 0)]
    [InlineData("٤٥", 45)] // Arabic-Indic digits: \d and float() accept them in Python
    public void Parse_reads_replies_like_the_course(string reply, double expected) => Assert.Equal(expected, PriceParser.Parse(reply));

    [Theory]
    [InlineData("12.5", 12.5)]
    [InlineData("1e3", 1000)]
    [InlineData("NaN", double.NaN)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("Price is $1e3", 1)]
    [InlineData("$1,299.00", 1299)]
    public void ParseGuessField_takes_plain_numbers_else_parses_the_reply(string field, double expected) =>
        Assert.Equal(expected, PriceParser.ParseGuessField(field));
}
