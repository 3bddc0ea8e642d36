using System.Text;
using PricerLib.Data.Amazon;

namespace PricerLib.Tests.Amazon;

/// <summary>The one-pass parse against the first port's (a JsonDocument), on generated rows plain and broken.</summary>
public sealed class MetadataRowTests
{
    // Values of every kind, with escapes, lone surrogates, floats Python writes its own way, repeats and nesting.
    private static readonly string[] Strings =
        ["\"Widget\"", "\"Acm\\u00e9 \\\"quoted\\\" \\n\\t\\/\"", "\"Acmé 𝐁 😀\"", "\"\"", "\"\\ud800 lone\"", "\"None\"", "\"12.99\""];
    private static readonly string[] Numbers = ["12", "-0", "0.5", "1e9", "1E+2", "1.50", "-2.5e-07", "123456789012345678901234567890", "1e400"];
    private static readonly string[] Others = ["null", "true", "false", "[]", "{}", "[1, \"a\", null]", "{\"a\": {\"b\": [1.0, 2]}}"];

    [Fact]
    public void Gives_the_first_ports_outcome_on_generated_rows()
    {
        var random = new Random(31);
        for (int i = 0; i < 20_000; i++)
        {
            string line = Row(random);
            var bytes = Encoding.UTF8.GetBytes(line);
            var expected = MetadataRow.ParseFirstPort(bytes);
            var actual = MetadataRow.Parse(bytes);
            Assert.True(expected.Skip == actual.Skip && expected.Problem == actual.Problem, $"{line}: {expected} / {actual}");
            if (expected.Product is not { } product) continue;
            var other = actual.Product!;
            Assert.True(product.Title == other.Title && product.MainCategory == other.MainCategory && product.Price == other.Price
                && product.Details == other.Details && product.Description.SequenceEqual(other.Description)
                && product.Features.SequenceEqual(other.Features), line);
        }
    }

    private static string Row(Random random)
    {
        string[] names = ["title", "main_category", "price", "description", "features", "details", "store", "t\\u0069tle"];
        var fields = Enumerable.Range(0, random.Next(8)).Select(_ =>
        {
            string name = names[random.Next(names.Length)];
            return $"\"{name}\": {Value(name, random)}";
        });
        string row = "{" + string.Join(", ", fields) + "}";
        return random.Next(40) switch
        {
            0 => row[..random.Next(row.Length)], // cut short
            1 => row + " x",
            2 => "[" + row + "]",
            3 => Pick(random, Numbers),
            _ => row,
        };
    }

    private static string Value(string name, Random random) => random.Next(10) switch
    {
        0 => Pick(random, Others),
        1 => Pick(random, Numbers),
        _ => name switch
        {
            "description" or "features" => "[" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ =>
                random.Next(12) == 0 ? Pick(random, Numbers) : Pick(random, Strings))) + "]",
            "details" => random.Next(3) == 0 ? Pick(random, Strings) : Details(random, depth: 0),
            "price" => random.Next(2) == 0 ? Pick(random, Numbers) : Pick(random, Strings),
            _ => Pick(random, Strings),
        },
    };

    /// <summary>An object whose keys may repeat or be escaped, with nested values.</summary>
    private static string Details(Random random, int depth)
    {
        string[] keys = ["\"Brand\"", "\"Rank\"", "\"Color\"", "\"Br\\u0061nd\"", "\"Acm\\u00e9\"", "\"\""];
        var pairs = Enumerable.Range(0, random.Next(5)).Select(_ =>
        {
            string value = random.Next(4) switch
            {
                0 when depth < 3 => Details(random, depth + 1),
                1 => Pick(random, Numbers),
                2 => Pick(random, Others),
                _ => Pick(random, Strings),
            };
            return $"{Pick(random, keys)}: {value}";
        });
        return "{" + string.Join(", ", pairs) + "}";
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
