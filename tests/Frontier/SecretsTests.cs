using System.Diagnostics;
using PricerLib.Data;
using PricerLib.Frontier;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Frontier;

/// <summary>Keys from the environment, then the workbook's .NET user-secrets store; never shown, cached or stored.</summary>
public class SecretsTests
{
    // A variable no one sets: unique per run, so setting it in this process races no other test.
    private static string UniqueVariable() => $"PRICER_TEST_KEY_{Guid.NewGuid():N}";

    [Fact]
    public void The_store_keeps_other_entries_and_is_readable_by_its_owner_only()
    {
        using var dir = new TempDir();
        var secrets = new WorkbookSecrets(dir.File("usersecrets/pricer-workbook/secrets.json"));

        secrets.Set("OPENAI_API_KEY", "first-value");
        secrets.Set("ANTHROPIC_API_KEY", $"  {FrontierRig.Key}  ");

        Assert.Equal("first-value", secrets.Get("OPENAI_API_KEY"));
        Assert.Equal(FrontierRig.Key, secrets.Get("ANTHROPIC_API_KEY"));
        Assert.Null(secrets.Get("GOOGLE_API_KEY"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets.File));
        Assert.True(secrets.Remove("OPENAI_API_KEY"));
        Assert.False(secrets.Remove("OPENAI_API_KEY"));
        Assert.Null(secrets.Get("OPENAI_API_KEY"));
        Assert.Equal(FrontierRig.Key, secrets.Get("ANTHROPIC_API_KEY"));
    }

    [Fact]
    public void A_damaged_store_is_a_clear_error_that_shows_none_of_its_content()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("secrets.json"), $"{{\"ANTHROPIC_API_KEY\": \"{FrontierRig.Key}\"");
        var secrets = new WorkbookSecrets(dir.File("secrets.json"));

        var read = Assert.Throws<FrontierException>(() => secrets.Get("ANTHROPIC_API_KEY"));
        var write = Assert.Throws<FrontierException>(() => secrets.Set("X", "y"));

        Assert.Contains("not a JSON object", read.Message);
        Assert.All(new[] { read.ToString(), write.ToString() }, e => Assert.DoesNotContain(FrontierRig.Key[^8..], e));
    }

    [Fact]
    public void The_environment_wins_then_user_secrets_and_only_the_source_is_ever_shown()
    {
        using var dir = new TempDir();
        var secrets = new WorkbookSecrets(dir.File("secrets.json"));
        string variable = UniqueVariable();

        var none = ApiKey.Find(variable, secrets);
        secrets.Set(variable, FrontierRig.Key);
        var stored = ApiKey.Find(variable, secrets);
        Environment.SetEnvironmentVariable(variable, "from-the-environment");
        try
        {
            var fromEnvironment = ApiKey.Find(variable, secrets);

            Assert.Equal(("not set", "set (user-secrets)", "set (environment)"), (none.Status, stored.Status, fromEnvironment.Status));
            Assert.Equal($"{variable} (user-secrets pricer-workbook)", stored.ToString());
            Assert.Equal($"${variable}", fromEnvironment.ToString());
            Assert.Equal("Bad *** key", stored.Redact($"Bad {FrontierRig.Key} key"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_key_from_user_secrets_reaches_the_server_and_nothing_else()
    {
        await using var rig = await FrontierRig.StartAsync();
        var secrets = new WorkbookSecrets(rig.Folder.File("secrets/secrets.json"));
        string variable = UniqueVariable();
        secrets.Set(variable, FrontierRig.Key);
        var provider = FrontierProvider.Resolve("anthropic", rig.Server.Root.AbsoluteUri, variable);
        rig.Server.When(r => r.LastMessage()!.EndsWith("Item 1"), TestServer.ServerReply.Error(401));
        await using var pricer = rig.Pricer(rig.Cached, new AnthropicChatBackend(new AnthropicConnection(provider.BaseUrl, provider.ReadKey(secrets))),
            "claude-3-5-sonnet-20240620");

        var report = await PricerLib.Evaluation.Tester.RunAsync(pricer, TestItems.Priced(3));

        Assert.All(rig.Server.Requests, r => Assert.Equal($"Bearer {FrontierRig.Key}", r.Headers["authorization"]));
        Assert.Contains($"{variable} (user-secrets pricer-workbook)", Assert.Single(report.Items, r => r.Failed).FailedReason);
        var record = PricerLib.Evaluation.RunRecord.From(report, "claude", "frontier:claude", pricer.Details,
            new PricerLib.Evaluation.RunSettings(3, 42, 8, null, null, null), null, null);
        var stored = new PricerLib.Evaluation.ResultsStore(rig.Folder.File("results")).Save(record);
        var outputs = File.ReadAllText(stored) + string.Concat(Directory.GetFiles(rig.CacheFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain(FrontierRig.Key[^8..], outputs);
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public async Task A_key_set_with_dotnet_user_secrets_is_used_by_the_cli_and_never_printed_or_stored()
    {
        await using var rig = await FrontierRig.StartAsync();
        ItemStore.Save(TestItems.Priced(4), rig.Folder.File("test.jsonl"));
        // The store's path derives from HOME: a temporary one, for the tool and the CLI alike (the real user's is untouched).
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = rig.Folder.File("home"),
            ["APPDATA"] = null,
            ["DOTNET_CLI_HOME"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            ["ANTHROPIC_API_KEY"] = null,
            [WorkbookSettings.Variables.Cache] = rig.CacheFolder,
        };
        Directory.CreateDirectory(environment["HOME"]!);
        // The key goes in on stdin as JSON, so it is in no command line (and no shell history).
        var tool = DotnetUserSecrets(environment, $"{{\"ANTHROPIC_API_KEY\": \"{FrontierRig.Key}\"}}");
        Assert.True(tool.ExitCode == 0, tool.Output);

        var run = PricerProcess.Run(environment, "evaluate", "--pricer", "frontier:claude-3-5-sonnet-20240620", "--provider", "anthropic",
            "--base-url", rig.Server.Root.AbsoluteUri, "--test", rig.Folder.File("test.jsonl"), "--json", "--out", rig.Folder.File("results"));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(4, rig.Server.CountOf("/v1/messages"));
        Assert.All(rig.Server.Requests, r => Assert.Equal($"Bearer {FrontierRig.Key}", r.Headers["authorization"]));
        var everything = run.Stdout + run.Stderr + tool.Output + string.Concat(Directory
            .GetFiles(rig.Folder.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("secrets.json")).Select(File.ReadAllText));
        Assert.DoesNotContain(FrontierRig.Key[^8..], everything);
    }

    private static (int ExitCode, string Output) DotnetUserSecrets(IReadOnlyDictionary<string, string?> environment, string json)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "user-secrets", "set", "--id", WorkbookSecrets.UserSecretsId }) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(json);
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) process.Kill();
        return (process.ExitCode, output);
    }
}
