using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Pricers;
using PricerLib.Retrieval;
using PricerLib.TestServer;
using PricerLib.Tests.Frontier;

namespace PricerLib.Tests.Retrieval;

/// <summary>The RAG request, checked character by character against the course's f-strings, and sent through the real
/// OpenAI SDK to the test server by the frontier machinery.</summary>
public class RagPricerTests
{
    private static readonly Item Kettle = new()
    {
        Title = "Steel kettle",
        Price = 40,
        Prompt = "How much does this cost to the nearest dollar?\n\nSteel kettle\n1.7 litres, café grade\n\nPrice is $40.00",
    };

    private static readonly Item Kettle2025 = Kettle with { Summary = "A 1.7 litre steel kettle." };

    private static readonly Neighbour[] Similar =
    [
        new(7, "Glass kettle\n1.5 litres", 29.5, "Appliances", "Glass kettle", 0.31f),
        new(2, "Travel kettle\n0.5 litres", 12, "Appliances", "Travel kettle", 0.42f),
    ];

    [Fact]
    public void The_document_is_the_courses_description()
    {
        Assert.Equal("Steel kettle\n1.7 litres, café grade", RagMessages.Document(Kettle));
        Assert.Equal("A 1.7 litre steel kettle.", RagMessages.Document(Kettle2025, CourseEdition.Course2025));
        var error = Assert.Throws<PricerException>(() => RagMessages.Document(Kettle, CourseEdition.Course2025));
        Assert.Contains("--prompt 2024", error.Message);
    }

    [Theory]
    [InlineData("rag:gpt-5.1", "GPT 5.1 RAG")]
    [InlineData("rag:openai/gpt-5.1", "GPT 5.1 RAG")]
    [InlineData("rag:gpt-4o-mini", null)]
    [InlineData("ensemble", "Ensemble")]
    public void Week_8_kinds_map_to_the_courses_rows(string spec, string? row) =>
        Assert.Equal(row, PricerLib.Evaluation.CourseRows.NameFor(spec));

    [Fact]
    public void The_2024_messages_are_the_courses()
    {
        // day2.3.ipynb / frontier_agent.py at 95c38ce9f, written out by hand from their f-strings.
        string context = "To provide some context, here are some other items that might be similar to the item you need to estimate.\n\n"
            + "Potentially related product:\nGlass kettle\n1.5 litres\nPrice is $29.50\n\n"
            + "Potentially related product:\nTravel kettle\n0.5 litres\nPrice is $12.00\n\n";
        var messages = RagMessages.For(Kettle, Similar);
        Assert.Equal([
            new ChatTurn(ChatRole.System, "You estimate prices of items. Reply only with the price, no explanation"),
            new ChatTurn(ChatRole.User, context + "And now the question for you:\n\nHow much does this cost?\n\nSteel kettle\n1.7 litres, café grade"),
            new ChatTurn(ChatRole.Assistant, "Price is $"),
        ], messages);
        Assert.Equal(2, RagMessages.For(Kettle, Similar, prefill: false).Count);
    }

    [Fact]
    public void The_2025_message_is_the_courses()
    {
        // day2.ipynb at 109b683e7: messages_for(item, similars, prices).
        var message = Assert.Single(RagMessages.For(Kettle2025, Similar, edition: CourseEdition.Course2025));
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Equal("Estimate the price of this product. Respond with the price, no explanation\n\nA 1.7 litre steel kettle.\n\n"
            + "For context, here are some other items that might be similar to the item you need to estimate.\n\n"
            + "Potentially related product:\nGlass kettle\n1.5 litres\nPrice is $29.50\n\n"
            + "Potentially related product:\nTravel kettle\n0.5 litres\nPrice is $12.00\n\n", message.Content);
    }

    [Fact]
    public async Task Sends_the_rag_request_once_and_caches_it()
    {
        await using var rig = await FrontierRig.StartAsync();
        var finder = new FixedNeighbours(Similar);
        var store = new Dictionary<string, string> { ["model"] = "all-MiniLM-L6-v2", ["items"] = "2" };
        await using (var pricer = Rag(rig, finder, store: store))
        {
            rig.Server.Enqueue(ServerReply.Text("35.00"));
            var results = await Collect(pricer, [Kettle]);
            Assert.Equal(35.0, Assert.Single(results).Guess!.Price);
            Assert.Equal("gpt_4o_mini_rag", pricer.Name);
            Assert.Equal("rag", pricer.Details.Kind);
            Assert.Equal("all-MiniLM-L6-v2", pricer.Details.Parameters["store.model"]);
            Assert.Equal("5", pricer.Details.Parameters["k"]);
        }
        var request = Assert.Single(rig.Server.Requests).Json!.AsObject();
        Assert.Equal(42, (int)request["seed"]!);
        Assert.Equal(5, (int)request["max_tokens"]!);
        var sent = request["messages"]!.AsArray().Select(m => new ChatTurn(Enum.Parse<ChatRole>((string)m!["role"]!, true), (string)m["content"]!));
        Assert.Equal(RagMessages.For(Kettle, Similar), sent);
        Assert.Equal(["Steel kettle\n1.7 litres, café grade"], finder.Queries);
        Assert.Equal(5, finder.LastK);

        await using (var again = Rag(rig, finder, store: store))
        {
            Assert.Equal(35.0, (await again.PriceAsync(Kettle)).Price);
            Assert.Equal(35.0, Assert.Single(await Collect(again, [Kettle])).Guess!.Price);
        }
        Assert.Single(rig.Server.Requests); // the second run is answered from the response cache…
        Assert.Single(finder.Queries);      // …without searching the store again
    }

    [Fact]
    public async Task Another_store_or_k_is_another_cached_request()
    {
        await using var rig = await FrontierRig.StartAsync();
        var finder = new FixedNeighbours(Similar);
        var store = new Dictionary<string, string> { ["items_sha256"] = "aaa", ["folder"] = "/here" };
        await using (var first = Rag(rig, finder, store: store)) await first.PriceAsync(Kettle);
        await using (var moved = Rag(rig, finder, store: new Dictionary<string, string>(store) { ["folder"] = "/there" })) await moved.PriceAsync(Kettle);
        Assert.Single(rig.Server.Requests); // the same store in another folder finds the same neighbours

        await using (var rebuilt = Rag(rig, finder, store: new Dictionary<string, string>(store) { ["items_sha256"] = "bbb" })) await rebuilt.PriceAsync(Kettle);
        await using (var fewer = Rag(rig, finder, store: store, k: 1)) await fewer.PriceAsync(Kettle);
        Assert.Equal(3, rig.Server.Requests.Count);
    }

    [Fact]
    public async Task An_item_whose_search_fails_fails_with_the_reason_and_is_not_sent()
    {
        await using var rig = await FrontierRig.StartAsync();
        var other = Kettle with { Prompt = Kettle.Prompt.Replace("Steel", "Copper", StringComparison.Ordinal) };
        var finder = new FixedNeighbours(Similar) { FailOn = "Copper kettle\n1.7 litres, café grade" };
        await using var pricer = Rag(rig, finder);

        var results = (await Collect(pricer, [Kettle, other])).OrderBy(r => r.Index).ToList();

        Assert.NotNull(results[0].Guess);
        Assert.Null(results[1].Guess);
        Assert.Contains("store unreadable", results[1].Error);
        Assert.Single(rig.Server.Requests);
    }

    internal static RagPricer Rag(FrontierRig rig, INeighbourFinder finder, IReadOnlyDictionary<string, string>? store = null, int k = RagPricer.CourseNeighbours) =>
        new(finder, (messages, identity) => rig.Pricer(rig.Cached with { Messages = messages, RequestIdentity = identity }), k, store: store);

    internal static async Task<List<PricedItem>> Collect(IBatchPricer pricer, IReadOnlyList<Item> items)
    {
        var results = new List<PricedItem>();
        await foreach (var result in pricer.PriceManyAsync(items, 4)) results.Add(result);
        return results;
    }

    /// <summary>Stands in for the vector store at the seam: the same neighbours for every document, and a record of the queries.</summary>
    private sealed class FixedNeighbours(IReadOnlyList<Neighbour> neighbours) : INeighbourFinder
    {
        public string? FailOn { get; init; }
        public List<string> Queries { get; } = [];
        public int LastK { get; private set; }

        public ValueTask<IReadOnlyList<Neighbour>> FindAsync(string document, int k, CancellationToken cancellationToken = default)
        {
            lock (Queries) Queries.Add(document);
            LastK = k;
            if (document == FailOn) throw new PricerException("store unreadable");
            return ValueTask.FromResult<IReadOnlyList<Neighbour>>(neighbours.Take(k).ToList());
        }
    }
}
