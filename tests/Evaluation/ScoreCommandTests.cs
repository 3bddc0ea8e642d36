using System.Text.Json;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Evaluation;

[Trait(TestTiers.Category, TestTiers.Slow)]
public class ScoreCommandTests
{
    private static JsonElement SingleJsonObject(string stdout)
    {
        // Exactly one JSON value on stdout, nothing before or after it.
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stdout.Trim()));
        using var document = JsonDocument.ParseValue(ref reader);
        Assert.Equal(stdout.Trim().Length, (int)reader.BytesConsumed);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Csv_is_scored_the_course_way_with_replies_parsed()
    {
        using var dir = new TempDir();
        // Same rows as MetricsTests' hand-worked table, guesses given as replies and numbers.
        File.WriteAllText(dir.File("scores.csv"),
            "title,truth,guess\n" +
            "a,100,\"Price is $120.00\"\n" +
            "b,200,150\n" +
            "\"c, with comma\",50,\"$200\"\n" +
            "d,10,no idea\n");

        var result = PricerProcess.Run("score", dir.File("scores.csv"), "--json");

        Assert.Equal(0, result.ExitCode);
        var json = SingleJsonObject(result.Stdout);
        Assert.Equal(4, json.GetProperty("count").GetInt32());
        Assert.Equal(0, json.GetProperty("failed").GetInt32());
        Assert.Equal(57.5, json.GetProperty("error").GetDouble(), 10);
        Assert.Equal(1.3915197755, json.GetProperty("rmsle").GetDouble(), 9);
        Assert.Equal(50, json.GetProperty("hits").GetDouble(), 10);
        Assert.Equal(6375, json.GetProperty("mse").GetDouble(), 10);
        Assert.Equal(1 - 25500.0 / 20200, json.GetProperty("r2").GetDouble(), 10);
    }

    [Fact]
    public void Summary_line_without_json()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("s.csv"), "truth,guess\n100,120\n200,150\n50,200\n10,0\n");
        var result = PricerProcess.Run("score", dir.File("s.csv"), "--title", "My run");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("My run Error=$57.50 RMSLE=1.39 Hits=50.0% MSE=6,375.00", result.Stdout);
        Assert.Single(result.Stdout.Trim().Split('\n'));
    }

    [Fact]
    public void Jsonl_uses_price_when_there_is_no_truth_and_fails_bad_rows_with_reasons()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("scores.jsonl"),
        [
            """{"title": "ok", "price": 100, "guess": 120}""",
            """{"title": "reply", "price": 200, "guess": "It costs $150."}""",
            "",
            """{"title": "text truth", "price": "abc", "guess": 5}""",
            """{"title": "negative", "price": -5, "guess": 5}""",
            """{"title": "nan", "price": 10, "guess": "NaN"}""",
            """{"title": "inf", "price": 10, "guess": "inf"}""",
            """{"title": "no guess", "price": 10}""",
            """{"title": "bare nan", "price": 10, "guess": NaN}""",
        ]);

        var result = PricerProcess.Run("score", dir.File("scores.jsonl"), "--json");

        Assert.Equal(0, result.ExitCode);
        var json = SingleJsonObject(result.Stdout);
        Assert.Equal(2, json.GetProperty("count").GetInt32());
        Assert.Equal(6, json.GetProperty("failed").GetInt32());
        Assert.Equal(35, json.GetProperty("error").GetDouble(), 10);
        Assert.Contains("line 4: the truth 'abc' is not a number", result.Stderr);
        Assert.Contains("line 5: the truth -5 is negative", result.Stderr);
        Assert.Contains("line 6: the guess is not a finite number", result.Stderr);
        Assert.Contains("line 7: the guess is not a finite number", result.Stderr);
        Assert.Contains("line 8: no guess", result.Stderr);
        Assert.Contains("line 9: not valid JSON", result.Stderr);
    }

    [Fact]
    public void A_single_item_has_r2_null()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("one.csv"), "truth,guess\n100,90\n");
        var result = PricerProcess.Run("score", dir.File("one.csv"), "--json");
        Assert.Equal(0, result.ExitCode);
        var json = SingleJsonObject(result.Stdout);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("r2").ValueKind);
        Assert.Equal(10, json.GetProperty("error").GetDouble());
    }

    [Theory]
    [InlineData("empty.csv", "", "is empty")]
    [InlineData("empty.jsonl", "\n\n", "is empty")]
    [InlineData("header.csv", "truth,guess\n", "no rows")]
    [InlineData("noguess.csv", "truth,answer\n1,2\n", "no 'guess' column")]
    [InlineData("notruth.csv", "cost,guess\n1,2\n", "no 'truth' (or 'price') column")]
    [InlineData("notruth.jsonl", "{\"cost\": 1, \"guess\": 2}\n", "no 'truth' (or 'price') column")]
    [InlineData("allbad.csv", "truth,guess\nx,1\n-3,2\n", "No row of")]
    [InlineData("allnan.csv", "truth,guess\n5,nan\n6,inf\n", "No row of")]
    public void Bad_files_exit_non_zero_with_a_clear_message_and_nothing_on_stdout(string name, string content, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(name), content);
        var result = PricerProcess.Run("score", dir.File(name), "--json");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var result = PricerProcess.Run("score", "/nonexistent/scores.csv");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No such file", result.Stderr);
    }
}
