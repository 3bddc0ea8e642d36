using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PricerLib.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random free port) serving some files, with switches for the failures a download
/// meets: no Range support, a connection cut mid-body, a Content-Length larger than the body. Other paths get 404.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly Task _loop;

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (relative to <see cref="BaseUrl"/>).</summary>
    public LocalFileServer(string path, byte[] content) : this(new Dictionary<string, byte[]> { [path] = content }) { }

    /// <summary>Serves each file at its path (relative to <see cref="BaseUrl"/>).</summary>
    public LocalFileServer(IReadOnlyDictionary<string, byte[]> files) : this(_ => files) { }

    /// <summary>Serves the files <paramref name="filesFor"/> makes for the server's base URL (feeds and pages that link to each other).</summary>
    public LocalFileServer(Func<Uri, IReadOnlyDictionary<string, byte[]>> filesFor)
    {
        int port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _files = filesFor(BaseUrl).ToDictionary(file => "/" + file.Key, file => file.Value);
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Answer Range requests with 206 (else ignore Range and send 200 with everything).</summary>
    public bool SupportsRange { get; set; } = true;

    /// <summary>For this many responses, close the connection after half of the body.</summary>
    public int CutsLeft { get; set; }

    /// <summary>Cut only responses for this path (relative to <see cref="BaseUrl"/>); all when null.</summary>
    public string? CutPath { get; set; }

    /// <summary>Announce this many bytes more than the body has, then close the connection.</summary>
    public int ExtraAnnouncedBytes { get; set; }

    /// <summary>Every request for a served file, in order: its path and Range header ("" when none).</summary>
    public ConcurrentQueue<(string Path, string Range)> Requests { get; } = new();

    /// <summary>Every request answered 404, in order: its path.</summary>
    public ConcurrentQueue<string> NotFound { get; } = new();

    /// <summary>The Range header of every request for a served file, in order ("" when none).</summary>
    public IReadOnlyList<string> Ranges => Requests.Select(request => request.Range).ToList();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                await AnswerAsync(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // the client went away; nothing to do
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        var path = context.Request.Url!.AbsolutePath;
        if (!_files.TryGetValue(path, out var content))
        {
            NotFound.Enqueue(path[1..]);
            response.StatusCode = 404;
            response.Close();
            return;
        }
        var rangeHeader = context.Request.Headers["Range"] ?? "";
        Requests.Enqueue((path[1..], rangeHeader));

        long from = 0;
        long total = content.Length + ExtraAnnouncedBytes;
        if (SupportsRange && rangeHeader.StartsWith("bytes=") && rangeHeader.EndsWith('-'))
        {
            from = long.Parse(rangeHeader["bytes=".Length..^1]);
            if (from >= total)
            {
                response.StatusCode = 416;
                response.Headers["Content-Range"] = $"bytes */{total}";
                response.Close();
                return;
            }
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {from}-{total - 1}/{total}";
        }
        response.ContentLength64 = total - from;
        var body = content.AsMemory((int)Math.Min(from, content.Length));
        bool cut = CutsLeft > 0 && (CutPath is null || "/" + CutPath == path);
        if (cut)
        {
            CutsLeft--;
            body = body[..(body.Length / 2)];
        }
        await response.OutputStream.WriteAsync(body);
        await response.OutputStream.FlushAsync();
        if (cut || ExtraAnnouncedBytes > 0)
        {
            await Task.Delay(50); // let the client read what was sent before the connection goes
            response.Abort();
        }
        else response.Close();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
