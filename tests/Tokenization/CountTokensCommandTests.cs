using System.IO.Compression;
using System.Text.Json;
using Pricer.Cli.Commands;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

/// <summary>Runs the real <c>pricer</c> entry point in-process with Console.Out/Error captured.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
[Collection(TokenizerProcessStateCollection.Name)]
public sealed class CountTokensCommandTests
{
    private static (int ExitCode, string Out, string Err) Pricer(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        var (capturedOut, capturedErr) = (new StringWriter(), new StringWriter());
        Console.SetOut(capturedOut);
        Console.SetError(capturedErr);
        try
        {
            var entryPoint = typeof(CountTokensCommand).Assembly.EntryPoint!;
            var exitCode = (int)entryPoint.Invoke(null, [args])!;
            return (exitCode, capturedOut.ToString(), capturedErr.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [SkippableFact]
    public void Prints_the_Llama_3_count_of_every_line_in_order_for_jsonl_and_jsonl_gz()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        // More lines than one batch, so that batches must come out in order.
        var prompts = Llama3Fixture.Prompts.Take(5000).ToArray();
        using var dir = new TempDir();
        var jsonl = dir.File("items.jsonl");
        File.WriteAllLines(jsonl, prompts.Select(p => JsonSerializer.Serialize(new { prompt = p, price = 1.0 })));
        var gz = dir.File("items.jsonl.gz");
        using (var target = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        using (var source = File.OpenRead(jsonl))
            source.CopyTo(target);

        var expected = prompts.Select(p => tokenizer.CountTokens(p).ToString()).ToArray();
        foreach (var input in new[] { jsonl, gz })
        {
            var (exitCode, stdout, stderr) = Pricer("count-tokens", "--tokenizer", Llama3Fixture.ModelPath, "--input", input);
            Assert.Equal(0, exitCode);
            Assert.Equal(expected, Lines(stdout));
            Assert.Equal("", stderr);
        }
    }

    [SkippableFact]
    public void Lines_without_the_field_print_minus_one_and_bad_lines_are_warned_about_by_number()
    {
        var tokenizer = Llama3Fixture.Tokenizer;
        using var dir = new TempDir();
        var input = dir.File("mixed.jsonl");
        File.WriteAllLines(input,
        [
            """{"prompt": "Hello world", "title": "A title"}""",
            """[1, 2]""",
            """{"prompt": "unterminated""",
            "",
            """{"title": "no prompt"}""",
            """{"prompt": 5}""",
            """{"prompt": "first", "prompt": "Hello world again"}""",
            "\"just a string\"",
        ]);

        var (exitCode, stdout, stderr) = Pricer("count-tokens", "--tokenizer", Llama3Fixture.ModelPath, "--input", input);
        Assert.Equal(0, exitCode);
        int helloAgain = tokenizer.CountTokens("Hello world again");
        Assert.Equal(["2", "-1", "-1", "-1", "-1", "-1", helloAgain.ToString(), "-1"], Lines(stdout));
        foreach (var line in new[] { 2, 3, 4, 8 })
            Assert.Contains($"line {line}:", stderr);
        Assert.DoesNotContain("line 5:", stderr);
        Assert.Contains("2 lines have no string field 'prompt'", stderr);

        var (_, titles, _) = Pricer("count-tokens", "--tokenizer", Llama3Fixture.ModelPath, "--input", input, "--field", "title");
        Assert.Equal([tokenizer.CountTokens("A title").ToString(), "-1", "-1", "-1", tokenizer.CountTokens("no prompt").ToString(), "-1", "-1", "-1"],
            Lines(titles));
    }

    [SkippableFact]
    public void Errors_go_to_stderr_with_a_non_zero_exit_code_and_nothing_on_stdout()
    {
        using var dir = new TempDir();
        var input = dir.File("ok.jsonl");
        File.WriteAllText(input, "{\"prompt\": \"x\"}\n");
        var notATokenizer = dir.File("tokenizer.json");
        File.WriteAllText(notATokenizer, "{}");

        (string[] Args, string Message)[] cases =
        [
            (["count-tokens", "--tokenizer", Llama3Fixture.ModelPath, "--input", dir.File("missing.jsonl")], "input file not found"),
            (["count-tokens", "--tokenizer", Llama3Fixture.ModelPath], "--input FILE is required"),
            (["count-tokens", "--tokenizer", dir.File("missing.model"), "--input", input], "Tokenizer file not found"),
            (["count-tokens", "--tokenizer", notATokenizer, "--input", input], "neither a GGUF model nor a tiktoken"),
        ];
        foreach (var (args, message) in cases)
        {
            var (exitCode, stdout, stderr) = Pricer(args);
            Assert.NotEqual(0, exitCode);
            Assert.Equal("", stdout);
            Assert.Contains(message, stderr);
        }
    }

    [SkippableFact]
    public void A_truncated_gzip_input_fails_instead_of_ending_silently()
    {
        using var dir = new TempDir();
        var whole = dir.File("items.jsonl.gz");
        using (var gzip = new GZipStream(File.Create(whole), CompressionLevel.Optimal))
        using (var source = File.OpenRead(Shared.Items))
            source.CopyTo(gzip);
        var truncated = dir.File("truncated.jsonl.gz");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var (exitCode, _, stderr) = Pricer("count-tokens", "--tokenizer", Llama3Fixture.ModelPath, "--input", truncated);
        Assert.Equal(1, exitCode);
        Assert.Contains("failed", stderr);
    }

    [SkippableFact]
    public void Without_a_tokenizer_it_counts_with_cl100k_and_warns_on_stderr()
    {
        using var dir = new TempDir();
        // A child process: settings are read once per process, and here no tokenizer is set or downloaded.
        var environment = new Dictionary<string, string?> { [TokenizerSource.EnvironmentVariable] = null, [WorkbookSettings.Variables.Cache] = dir.Path };
        var input = dir.File("one.jsonl");
        File.WriteAllText(input, "{\"prompt\": \"hello world\"}\n");
        var (exitCode, stdout, stderr) = PricerProcess.Run(environment, "count-tokens", "--input", input);
        Assert.Equal(0, exitCode);
        Assert.Equal(["2"], Lines(stdout));
        Assert.Contains("cl100k_base", stderr);

        var empty = dir.File("empty.jsonl");
        File.WriteAllText(empty, "");
        (exitCode, stdout, stderr) = PricerProcess.Run(environment, "count-tokens", "--input", empty);
        Assert.Equal(0, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("no lines", stderr);
    }
}
