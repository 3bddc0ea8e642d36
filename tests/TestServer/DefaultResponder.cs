using System.Globalization;

namespace PricerLib.TestServer;

/// <summary>
/// The server's answer when nothing is scripted: a whole-dollar "price" from 1 to 999 derived from a stable hash of
/// the prompt (so each item gets its own reproducible, meaningless guess), with made-up log-probs for completions.
/// </summary>
public static class DefaultResponder
{
    /// <summary>The default reply to <paramref name="request"/>.</summary>
    public static ServerReply Reply(CapturedRequest request)
    {
        int price = PriceFor(request.LastMessage() ?? request.Body);
        string text = price.ToString(CultureInfo.InvariantCulture);
        return request.Path.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? ServerReply.Text(text)
            : ServerReply.Completion(new TokenLogprob[] { new(text, -0.4), new((price + 1).ToString(CultureInfo.InvariantCulture), -1.6), new("$", -3.2) });
    }

    /// <summary>The whole-dollar answer for a prompt: FNV-1a of its UTF-16 code units, mod 999, plus 1.</summary>
    public static int PriceFor(string prompt)
    {
        uint hash = 2166136261;
        foreach (char c in prompt) hash = (hash ^ c) * 16777619;
        return (int)(hash % 999) + 1;
    }
}
