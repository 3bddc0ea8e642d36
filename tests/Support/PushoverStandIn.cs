using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PricerLib.Tests.Support;

/// <summary>
/// A local stand-in for Pushover's <c>POST /1/messages.json</c> on 127.0.0.1: records each form it receives and answers
/// with <see cref="Status"/> and Pushover's JSON (<c>{"status":1}</c>, or <c>{"errors":[…],"status":0}</c>).
/// </summary>
internal sealed class PushoverStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public PushoverStandIn()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Root = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Root.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Root { get; }

    /// <summary>Where the messenger posts.</summary>
    public Uri Endpoint => new(Root, "1/messages.json");

    /// <summary>The status to answer with (Pushover: 200, 400 for a bad user or token, 429, 5xx).</summary>
    public int Status { get; set; } = 200;

    /// <summary>Each received form, decoded.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Messages { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Messages.Enqueue(body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : "")));
            var answer = Status == 200
                ? "{\"status\":1,\"request\":\"r1\"}"
                : "{\"user\":\"invalid\",\"errors\":[\"user identifier is not a valid user, group, or subscribed user key\"],\"status\":0,\"request\":\"r2\"}";
            context.Response.StatusCode = Status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
