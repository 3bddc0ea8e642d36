using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PricerLib.Tests.Support;

/// <summary>
/// Debian's headless Chromium with the toolchain notes' flags and a throw-away profile: one-shot runs
/// (<c>--dump-dom</c>, <c>--screenshot</c>) and, for clicks, a page driven over the Chrome DevTools Protocol
/// (<c>Runtime.evaluate</c> through its WebSocket) — no Playwright driver or browser download needed.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly string[] Flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--no-first-run"];

    /// <summary>Runs Chromium with <paramref name="args"/> to the end; returns its stdout (the DOM for <c>--dump-dom</c>).</summary>
    public static string Run(string executable, params string[] args)
    {
        using var profile = new TempDir();
        using var process = Process.Start(StartInfo(executable, profile, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr.Result);
        return stdout.Result;
    }

    /// <summary>
    /// Opens <paramref name="url"/>, evaluates <paramref name="expression"/> in the page (a promise is awaited) and
    /// returns its value as JSON.
    /// </summary>
    public static async Task<JsonNode?> EvaluateAsync(string executable, Uri url, string expression)
    {
        using var profile = new TempDir();
        using var process = Process.Start(StartInfo(executable, profile, ["--remote-debugging-port=0", url.AbsoluteUri]))!;
        try
        {
            var browser = await DevToolsUrlAsync(process);
            using var http = new HttpClient();
            var targets = await http.GetFromJsonAsync<JsonArray>(new Uri($"http://{browser.Authority}/json/list"));
            var page = targets!.First(t => (string?)t!["type"] == "page")!;
            using var socket = new ClientWebSocket();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), timeout.Token);
            // The page may still be loading when the socket opens (an evaluation then fails with a destroyed context): wait for it.
            var ready = $"location.href === '{url.AbsoluteUri}' && document.readyState === 'complete'";
            for (int id = 1; ; id++)
            {
                if (id > 200) throw new TimeoutException($"{url} did not finish loading in Chromium.");
                if (await CallAsync(socket, id, ready, timeout.Token) is { } loaded && (bool?)loaded["result"]?["result"]?["value"] == true) break;
                await Task.Delay(100, timeout.Token);
            }
            var answer = (await CallAsync(socket, 1000, expression, timeout.Token))!;
            Assert.True(answer["result"]?["exceptionDetails"] is null && answer["error"] is null, answer.ToJsonString());
            return answer["result"]!["result"]!["value"];
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Sends <c>Runtime.evaluate</c> (promises awaited, values returned) and returns the answer with the same id.</summary>
    private static async Task<JsonNode?> CallAsync(ClientWebSocket socket, int id, string expression, CancellationToken cancellationToken)
    {
        var call = new JsonObject
        {
            ["id"] = id, ["method"] = "Runtime.evaluate",
            ["params"] = new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true },
        };
        await socket.SendAsync(Encoding.UTF8.GetBytes(call.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        while (true)
        {
            var message = JsonNode.Parse(await ReceiveAsync(socket, cancellationToken));
            if ((int?)message?["id"] == id) return message; // others are events
        }
    }

    private static async Task<Uri> DevToolsUrlAsync(Process process)
    {
        const string Marker = "DevTools listening on ";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            if (line.StartsWith(Marker, StringComparison.Ordinal)) return new Uri(line[Marker.Length..].Trim());
        throw new InvalidOperationException("Chromium ended without opening its DevTools port.");
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            text.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    private static ProcessStartInfo StartInfo(string executable, TempDir profile, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in Flags.Append($"--user-data-dir={profile.Path}").Concat(args)) start.ArgumentList.Add(arg);
        return start;
    }
}
