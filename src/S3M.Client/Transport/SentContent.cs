using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace S3M.Transport;

/// <summary>
/// The body of every change (anything but GET and HEAD), empty when it has none, which notes
/// when .NET starts to send it. Before that, nothing of the request has left: the connection
/// or TLS failed. So a lost answer is told from a request that never went. And .NET re-sends
/// on its own a request without a body whose connection closed unanswered; with one, never.
/// </summary>
internal sealed class SentContent : HttpContent
{
    private readonly byte[] _bytes;
    private int _started;

    public SentContent(string? json)
    {
        _bytes = json == null ? new byte[0] : Encoding.UTF8.GetBytes(json);
        if (json != null)
        {
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
    }

    /// <summary>Whether .NET began to send the request (its headers are out, the body follows).</summary>
    public bool Started => Volatile.Read(ref _started) == 1;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Interlocked.Exchange(ref _started, 1);
        return stream.WriteAsync(_bytes, 0, _bytes.Length);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
