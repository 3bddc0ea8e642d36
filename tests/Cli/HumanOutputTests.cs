using System.Text.RegularExpressions;
using PricerLib.Data;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Cli;

/// <summary>
/// Help and human (non-<c>--json</c>) output show text built from data as text: Spectre.Console parses markup, so a
/// description or cell holding "[...]" used to crash the verb after its work was done.
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class HumanOutputTests
{
    /// <summary>Every verb and every <c>bench</c> sub-verb, as the built program lists them (so verbs added later count).</summary>
    public static TheoryData<string> Verbs()
    {
        var verbs = new TheoryData<string>();
        foreach (var verb in Listed())
        {
            verbs.Add(verb);
            if (verb == "bench") foreach (var bench in Listed("bench")) verbs.Add("bench " + bench);
        }
        return verbs;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Every_verb_prints_its_help(string verb)
    {
        var help = PricerProcess.Run([.. verb.Split(' '), "--help"]);

        Assert.True(help.ExitCode == 0, help.Stdout + help.Stderr);
        Assert.DoesNotContain("Exception", help.Stdout + help.Stderr);
        Assert.Contains("USAGE:", help.Stdout);
    }

    [Fact]
    public void Descriptions_with_brackets_are_shown_as_written()
    {
        var help = PricerProcess.Run("fine-tune", "--help");

        Assert.True(help.ExitCode == 0, help.Stderr);
        Assert.Contains("train[:200]", help.Stdout);
    }

    [SkippableFact]
    public void Convert_lora_prints_its_table_of_shapes()
    {
        using var dir = new TempDir();
        PeftAdapterWriter.Write(dir.File("peft"), new PeftAdapterConfig(4, 8f, "stories260K", ["q_proj"]),
            GgufFile.Read(Shared.StoriesGguf), [0], ["q_proj"], PeftAdapterWriter.Random(1, 0.1f));

        var converted = PricerProcess.Run("convert-lora", "--adapter", dir.File("peft"), "--base", Shared.StoriesGguf, "--out", dir.File("a.gguf"));

        Assert.True(converted.ExitCode == 0, converted.Stderr);
        Assert.Matches(@"\[\d+, 4\]", converted.Stdout); // lora_a's [n_in, rank]
    }

    [SkippableFact]
    public void Next_tokens_shows_the_characters_of_each_token()
    {
        // Every token of the tiny model's 512: among them "'", "…", "[" and "]".
        var next = PricerProcess.Run("next-tokens", "--model", Shared.StoriesGguf, "--prompt", "Once upon a time", "--top-k", "512");

        Assert.True(next.ExitCode == 0, next.Stderr);
        foreach (var token in new[] { "\"'\"", "\"…\"", "\"[\"", "\"]\"" }) Assert.Contains(token, next.Stdout);
        Assert.DoesNotContain(@"\u0027", next.Stdout);
    }

    [Fact]
    public void Run_names_with_brackets_are_stored_and_ranked()
    {
        using var dir = new TempDir();
        ItemStore.Save(Evaluation.TestItems.Priced(5), dir.File("test.jsonl"));
        var evaluated = PricerProcess.Run("evaluate", "--pricer", "random", "--test", dir.File("test.jsonl"), "--title", "random [v2]",
            "--results", dir.File("results"));
        Assert.True(evaluated.ExitCode == 0, evaluated.Stderr);

        var board = PricerProcess.Run("leaderboard", "--results", dir.File("results"));

        Assert.True(board.ExitCode == 0, board.Stderr);
        Assert.Contains("random [v2]", board.Stdout);
    }

    private static IEnumerable<string> Listed(params string[] branch)
    {
        var help = PricerProcess.Run([.. branch, "--help"]);
        var commands = help.Stdout[help.Stdout.IndexOf("COMMANDS:", StringComparison.Ordinal)..];
        return Regex.Matches(commands, @"(?m)^    ([a-z][a-z0-9-]*)").Select(m => m.Groups[1].Value);
    }
}
