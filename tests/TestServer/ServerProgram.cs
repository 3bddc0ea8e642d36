using System.Globalization;

namespace PricerLib.TestServer;

/// <summary>
/// <c>dotnet run --project tests/TestServer -- [--port N] [--latency-ms MS | MIN-MAX] [--shape vllm|llama-server]</c>:
/// serves until Ctrl+C, printing its base URL first.
/// </summary>
internal static class ServerProgram
{
    private const string Usage = "usage: TestServer [--port N] [--latency-ms MS|MIN-MAX] [--shape vllm|llama-server]";

    private static async Task<int> Main(string[] args)
    {
        int port = 0;
        (TimeSpan, TimeSpan) latency = default;
        var shape = LogprobsShape.Vllm;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, out port): i++; break;
                case "--latency-ms" when TryParseRange(value, out latency): i++; break;
                case "--shape" when value is "vllm" or "llama-server":
                    shape = value == "vllm" ? LogprobsShape.Vllm : LogprobsShape.LlamaServer;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        await using var server = await OpenAiTestServer.StartAsync(port);
        server.Latency = latency;
        server.CompletionShape = shape;
        Console.WriteLine($"OpenAI-compatible test server at {server.BaseUrl} (latency {latency.Item1.TotalMilliseconds}-{latency.Item2.TotalMilliseconds} ms, completions shape {shape}); Ctrl+C stops it.");
        await server.WaitForShutdownAsync();
        return 0;
    }

    private static bool TryParseRange(string? text, out (TimeSpan Min, TimeSpan Max) range)
    {
        range = default;
        if (text is null) return false;
        var parts = text.Split('-');
        if (parts.Length is < 1 or > 2 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))) return false;
        var ms = parts.Select(p => TimeSpan.FromMilliseconds(int.Parse(p, CultureInfo.InvariantCulture))).ToArray();
        range = (ms[0], ms[^1]);
        return range.Min <= range.Max;
    }
}
