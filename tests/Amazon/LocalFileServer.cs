using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PricerLib.Tests.Amazon;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random free port) serving one file, with switches for the failures a download
/// meets: no Range support, a connection cut mid-body, a Content-Length larger than the body. Other paths get 404.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly string _path;
    private readonly Task _loop;

    public LocalFileServer(string path, byte[] content)
    {
        _path = path;
        _content = content;
        int port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Answer Range requests with 206 (else ignore Range and send 200 with everything).</summary>
    public bool SupportsRange { get; set; } = true;

    /// <summary>For this many responses, close the connection after half of the body.</summary>
    public int CutsLeft { get; set; }

    /// <summary>Announce this many bytes more than the body has, then close the connection.</summary>
    public int ExtraAnnouncedBytes { get; set; }

    /// <summary>The Range header of every request for the file, in order ("" when none).</summary>
    public ConcurrentQueue<string> Ranges { get; } = new();

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
        if (context.Request.Url!.AbsolutePath != "/" + _path)
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }
        var rangeHeader = context.Request.Headers["Range"] ?? "";
        Ranges.Enqueue(rangeHeader);

        long from = 0;
        long total = _content.Length + ExtraAnnouncedBytes;
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
        var body = _content.AsMemory((int)Math.Min(from, _content.Length));
        bool cut = CutsLeft > 0;
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
