using PricerLib.Editions;
using PricerLib.TestServer;

namespace PricerLib.Tests.Notebooks;

/// <summary>
/// The test server as the 2025 course's preprocessor model: a request with the course's summary prompt gets a
/// summary in the course's format made from the item's full text (its first line as the title, the next words as the
/// description), so the 2025 baselines learn from words that differ item by item; any other request gets the
/// server's default reply.
/// </summary>
internal static class TestSummaries
{
    private const int DescriptionLength = 200;

    /// <summary>True for a preprocessor request: its system message is the course's summary prompt.</summary>
    public static bool IsRequest(CapturedRequest request) => request.LastMessage("system") == SummaryPrompt.System;

    /// <summary>The server's reply: a summary for a preprocessor request, else <see cref="DefaultResponder.Reply"/>.</summary>
    public static ServerReply Reply(CapturedRequest request) =>
        IsRequest(request) && request.LastMessage() is { Length: > 0 } full ? ServerReply.Text(Of(full)) : DefaultResponder.Reply(request);

    /// <summary>The summary of <paramref name="full"/>.</summary>
    public static string Of(string full)
    {
        var lines = full.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rest = string.Join(' ', lines.Skip(1));
        return $"Title: {lines[0]}\nDescription: {rest[..Math.Min(rest.Length, DescriptionLength)]}";
    }
}
