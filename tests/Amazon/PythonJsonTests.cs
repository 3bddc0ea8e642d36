using System.Text.Json;
using PricerLib.Data.Amazon;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Amazon;

/// <summary>Expected texts are what CPython 3's <c>json.dumps(json.loads(input))</c> prints.</summary>
public class PythonJsonTests
{
    private static string Dumps(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PythonJson.Dumps(document.RootElement);
    }

    [Theory]
    [InlineData("""{"a":"é","b":[1,2.5,null],"c":"😀"}""", """{"a": "\u00e9", "b": [1, 2.5, null], "c": "\ud83d\ude00"}""")]
    [InlineData("""{"x":{},"y":[],"z":{"k":[true,false,null]}}""", """{"x": {}, "y": [], "z": {"k": [true, false, null]}}""")]
    [InlineData("""{"Größe":"1 m","€":"€"}""", """{"Gr\u00f6\u00dfe": "1 m", "\u20ac": "\u20ac"}""")]
    [InlineData("""{"a":1,"b":2,"a":3}""", """{"a": 3, "b": 2}""")] // a dict keeps the first place and the last value
    [InlineData("""{"z":1,"a":2,"m":3}""", """{"z": 1, "a": 2, "m": 3}""")] // input order, not sorted
    [InlineData("[0,-0,-5,123456789012345678901234567890]", "[0, 0, -5, 123456789012345678901234567890]")]
    [InlineData("\"plain ascii ~ / ok\"", "\"plain ascii ~ / ok\"")]
    [InlineData("\"\\u00E9\\u0041\\/\"", "\"\\u00e9A/\"")] // uppercase escapes and \/ are re-written the Python way
    [InlineData("\"\\ud800x\"", "\"\\ud800x\"")] // a lone surrogate survives, as in Python
    [InlineData("\"𝐁old\"", "\"\\ud835\\udc01old\"")]
    public void Dumps_matches_python(string input, string expected) => Assert.Equal(expected, Dumps(input));

    [Fact]
    public void Dumps_escapes_quotes_backslashes_and_controls_the_python_way()
    {
        var input = "\"say \\\"hi\\\" \\\\ \\b\\f\\n\\r\\t \\u0001 \\u001f \u007f \\u0085 ~\"";
        Assert.Equal("\"say \\\"hi\\\" \\\\ \\b\\f\\n\\r\\t \\u0001 \\u001f \\u007f \\u0085 ~\"", Dumps(input));
    }

    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("100.0", "100.0")]
    [InlineData("12.34", "12.34")]
    [InlineData("0.1", "0.1")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1E16", "1e+16")]
    [InlineData("1e15", "1000000000000000.0")]
    [InlineData("9999999999999998.0", "9999999999999998.0")]
    [InlineData("1e22", "1e+22")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("1.5e-7", "1.5e-07")]
    [InlineData("2.5E+3", "2500.0")]
    [InlineData("123456789012345678.0", "1.2345678901234568e+17")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("1e400", "Infinity")]
    [InlineData("-1e400", "-Infinity")]
    [InlineData("1e100", "1e+100")]
    public void Floats_are_written_as_python_repr(string input, string expected) => Assert.Equal(expected, Dumps(input));

    [SkippableFact]
    public void Details_strings_of_the_real_items_round_trip_exactly()
    {
        int checkedRows = 0;
        foreach (var line in File.ReadLines(Shared.Items))
        {
            using var row = JsonDocument.Parse(line);
            if (row.RootElement.GetProperty("details") is not { ValueKind: JsonValueKind.String } details) continue;
            var text = details.GetString()!;
            Assert.Equal(text, Dumps(text));
            checkedRows++;
        }
        Assert.True(checkedRows > 5000, $"only {checkedRows} rows had details");
    }
}
