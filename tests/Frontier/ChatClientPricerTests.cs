using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using PricerLib.TestServer;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Frontier;

/// <summary>
/// The frontier pricer over a real Microsoft.Extensions.AI <see cref="IChatClient"/>: the OpenAI SDK's ChatClient
/// adapted by Microsoft.Extensions.AI.OpenAI's <c>AsIChatClient()</c>, talking HTTP to the test server.
/// </summary>
public class ChatClientPricerTests
{
    private static readonly PricerLib.Data.Item Kettle = TestItems.Make("Steel kettle, 1.7 litres", 40);

    private static IChatClient ClientFor(FrontierRig rig, string model = "gpt-4o-mini") =>
        new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(FrontierRig.Key), new OpenAIClientOptions { Endpoint = rig.Server.BaseUrl }).AsIChatClient();

    [Fact]
    public async Task An_ichatclient_gets_the_courses_messages_and_the_reply_is_parsed_and_priced()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Enqueue(ServerReply.Text("$1,299.99", promptTokens: 1_000_000, completionTokens: 0));
        using var client = ClientFor(rig);
        await using var pricer = FrontierPricer.FromChatClient(client, "my-client");

        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(1299.99, guess.Price);
        Assert.Equal("gpt-4o-mini", pricer.Model); // the model the client reports, for the price table
        Assert.Equal(0.15, guess.CostUsd!.Value, 6);
        var body = rig.Server.Requests.Single().Json!.AsObject();
        var messages = body["messages"]!.AsArray().Select(m => ((string?)m!["role"], (string?)m["content"])).ToList();
        Assert.Equal([
            ("system", CourseMessages.SystemMessage),
            ("user", CourseMessages.UserPrompt(Kettle)),
            ("assistant", "Price is $"),
        ], messages);
        Assert.Equal(42, (int)body["seed"]!);
        // The adapter maps MaxOutputTokens to the SDK's field: max_completion_tokens, not the course's max_tokens.
        Assert.Equal(5, (int)body["max_completion_tokens"]!);
        Assert.Equal("chat-client:my-client", pricer.Details.Parameters["endpoint"]);
    }

    [Fact]
    public async Task The_anthropic_sdks_own_ichatclient_works_too_against_the_messages_endpoint()
    {
        await using var rig = await FrontierRig.StartAsync();
        using var anthropic = new Anthropic.AnthropicClient(new Anthropic.Core.ClientOptions { BaseUrl = rig.Server.Root.AbsoluteUri, ApiKey = FrontierRig.Key });
        using var client = anthropic.AsIChatClient("claude-3-5-sonnet-20240620");
        await using var pricer = FrontierPricer.FromChatClient(client, "anthropic-adapter");

        var guess = await pricer.PriceAsync(Kettle);

        Assert.Equal(DefaultResponder.PriceFor(CourseMessages.UserPrompt(Kettle)), guess.Price);
        Assert.Equal("claude-3-5-sonnet-20240620", pricer.Model);
        var body = rig.Server.Requests.Single().Json!.AsObject();
        Assert.Equal(5, (int)body["max_tokens"]!);
        Assert.Equal("assistant", (string?)body["messages"]!.AsArray()[^1]!["role"]); // the prefill survives the adapter
    }

    [Fact]
    public async Task A_batch_through_an_ichatclient_keeps_order_and_a_rerun_by_the_same_name_comes_from_the_cache()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Latency = (TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(30));
        var items = TestItems.Priced(12);
        using var client = ClientFor(rig);

        await using var first = FrontierPricer.FromChatClient(client, "mine", rig.Cached);
        var report = await Tester.RunAsync(first, items, new TesterOptions { Workers = 8 });
        await using var again = FrontierPricer.FromChatClient(client, "mine", rig.Cached);
        var rerun = await Tester.RunAsync(again, items, new TesterOptions { Workers = 8 });
        await using var renamed = FrontierPricer.FromChatClient(client, "another", rig.Cached);
        await renamed.PriceAsync(items[0]);

        Assert.Equal(items.Select(i => (double?)DefaultResponder.PriceFor(CourseMessages.UserPrompt(i))), report.Items.Select(r => r.Guess));
        Assert.Equal(report.Items.Select(r => r.Guess), rerun.Items.Select(r => r.Guess));
        Assert.Equal(12, again.CacheHits);
        Assert.Equal(13, rig.Server.CountOf("chat/completions")); // 12, none on the re-run, 1 under the other name
    }

    [Fact]
    public async Task A_failing_client_fails_the_item_with_its_reason_not_the_run()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.When(r => r.LastMessage()!.EndsWith("Item 1"), ServerReply.Error(400));
        using var client = ClientFor(rig);
        await using var pricer = FrontierPricer.FromChatClient(client, "mine");

        var report = await Tester.RunAsync(pricer, TestItems.Priced(3), new TesterOptions { Workers = 2 });

        var failed = Assert.Single(report.Items, r => r.Failed);
        Assert.Equal("Item 1", failed.Title);
        Assert.Contains("The chat client 'mine' failed", failed.FailedReason);
    }

    [Fact]
    public async Task The_notebook_helper_evaluates_a_client_and_stores_the_run_without_its_key()
    {
        await using var rig = await FrontierRig.StartAsync();
        var settings = new WorkbookSettings { Cache = rig.CacheFolder, Results = rig.Folder.File("results") };
        using var client = ClientFor(rig);

        var run = await FrontierNotebook.EvaluateChatClientAsync(client, "gpt-4o-mini via IChatClient", TestItems.Priced(5), settings);

        Assert.Equal(5, run.Items.Count(i => !i.Failed));
        Assert.Equal("chat-client:gpt-4o-mini via IChatClient", run.Pricer);
        var stored = Assert.Single(Directory.GetFiles(settings.Results, "*.json"));
        Assert.DoesNotContain(FrontierRig.Key[^8..], File.ReadAllText(stored));
    }
}
