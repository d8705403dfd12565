using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace S3M.Transport;

/// <summary>
/// Sends S3M requests: the raw-token header, timeouts, retries, redirects that never carry the
/// token to another origin, bounded answers, and one error mapping. Every request goes to a
/// URI checked after .NET normalised it, so a path cannot climb out of the place it belongs to.
/// </summary>
internal sealed class S3mTransport
{
    private const int MaxRedirects = 5;

    // Of an error answer only the start is read: it is only ever quoted, cut to a line.
    private const int ErrorBodyLimit = 64 * 1024;

    // One HttpClient per route for the process: sockets are pooled across sessions and runspaces.
    // Timeouts are per request (linked tokens), so the clients' own are infinite. Loopback hosts
    // (the only ones plain http may reach) are reached directly: a proxy would read the token in
    // clear text. Every other host honours the system or environment proxy, which sees only a CONNECT.
    private static readonly HttpClient Direct = CreateShared(useProxy: false);
    private static readonly HttpClient Proxied = CreateShared(useProxy: true);

    private readonly SecureString? _token;
    private readonly string _baseUri;
    private readonly Uri _origin;
    private readonly string _baseRoot;
    private readonly RetryPolicy _retry;
    private int _revoked;
    private int _disposed;

    public S3mTransport(S3mClientOptions options, SecureString? token)
    {
        Options = options.Validated();
        _baseUri = Options.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _origin = new Uri(_baseUri);
        _baseRoot = RootOf(null);
        _token = token;
        _retry = new RetryPolicy(options.Retry);
    }

    public S3mClientOptions Options { get; }

    /// <summary>True once the token was revoked through this session; authenticated calls then fail before sending.</summary>
    public bool IsRevoked => Volatile.Read(ref _revoked) == 1;

    internal void MarkRevoked() => Interlocked.Exchange(ref _revoked, 1);

    /// <summary>Disposes the token (Disconnect-S3m); authenticated calls then fail before sending.</summary>
    internal void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _token?.Dispose();
        }
    }

    public static string UserAgent { get; } = "S3M-PowerShell/" + ModuleVersion();

    /// <summary>Sends <paramref name="request"/> and returns its JSON answer (an empty object for an empty body).</summary>
    public async Task<JsonElement> SendAsync(S3mRequest request, CancellationToken cancellationToken) =>
        (await ExchangeAsync(request, cancellationToken).ConfigureAwait(false)).Body;

    /// <summary>
    /// Sends <paramref name="request"/> and returns its answer, which also says whether a retry
    /// found the work done by an attempt whose answer was lost (<see cref="S3mRequest.AlreadyDone"/>).
    /// </summary>
    public async Task<S3mAnswer> ExchangeAsync(S3mRequest request, CancellationToken cancellationToken)
    {
        if (request.Authenticated)
        {
            CheckUsable();
        }

        var target = Target(request);
        // How an earlier attempt lost its answer after it may have reached S3M; null while none did.
        string? lost = null;
        var inFlight = false;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                S3mException failure;
                inFlight = true;
                try
                {
                    var (status, body) = await SendOnceAsync(request, target, cancellationToken).ConfigureAwait(false);
                    return new S3mAnswer(status, body, DoneEarlier(request, status, body, lost));
                }
                catch (S3mException e)
                {
                    inFlight = false;
                    if (e.StatusCode.HasValue && DoneEarlier(request, e.StatusCode.Value, e.Answer ?? EmptyObject, lost) is string done)
                    {
                        return new S3mAnswer(e.StatusCode.Value, e.Answer ?? EmptyObject, done);
                    }
                    lost ??= e.LostAnswer;
                    failure = e;
                }
                if (!MayRetry(request, failure) || attempt >= _retry.MaximumRetryCount)
                {
                    throw Settled(request, failure, lost);
                }

                var delay = _retry.DelayBefore(attempt + 1, failure.RetryAfter);
                if (delay == null)
                {
                    throw Settled(request, failure, lost);
                }

                S3mTrace.Write($"{request.Method} {request.Path}: {Describe(failure)}; retry {attempt + 1} of {_retry.MaximumRetryCount} in {delay.Value.TotalSeconds:0.0} s");
                await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !request.IsRead && (inFlight || lost != null))
        {
            S3mTrace.Stopped(ErrorMapper.Interrupted(request));
            throw;
        }
    }

    /// <summary>
    /// <paramref name="lost"/>, when an earlier attempt lost its answer and this answer shows
    /// that attempt did the work (the request's <see cref="S3mRequest.AlreadyDone"/>); else null.
    /// </summary>
    private static string? DoneEarlier(S3mRequest request, int status, JsonElement answer, string? lost)
    {
        if (lost == null || request.AlreadyDone?.Invoke(status, answer) != true)
        {
            return null;
        }

        S3mTrace.Write($"{request.Method} {request.Path} → {status}: an earlier attempt lost its answer ({lost}), and this answer means that attempt did it; done.");
        return lost;
    }

    private static bool MayRetry(S3mRequest request, S3mException e)
    {
        if (!request.Retriable || e.Kind == S3mErrorKind.InvalidResponse)
        {
            return false;
        }

        if (e.Kind == S3mErrorKind.Transport)
        {
            return true;
        }
        // A timeout leaves a change's outcome open, and only asking again (it is retriable, so
        // safe) can settle it; a read that timed out just fails, rather than wait Timeout again.
        if (e.Kind == S3mErrorKind.Timeout && !e.StatusCode.HasValue)
        {
            return !request.IsRead;
        }

        return e.StatusCode.HasValue && RetryPolicy.IsRetriableStatus(e.StatusCode.Value);
    }

    /// <summary>The error a call ends in: for a change that may have reached S3M, the outcome is unknown, whatever came last.</summary>
    private static S3mException Settled(S3mRequest request, S3mException last, string? lost) =>
        lost != null && !request.IsRead ? ErrorMapper.OutcomeUnknown(request, last, lost) : last;

    private static string Describe(S3mException e) =>
        e.StatusCode.HasValue ? e.StatusCode.Value.ToString() : e.Kind == S3mErrorKind.Timeout ? "no answer in time" : "connection failed";

    private void CheckUsable()
    {
        if (_token == null)
        {
            throw S3mException.NotConnected("This call needs a token, and this client has none.");
        }

        if (Volatile.Read(ref _disposed) == 1)
        {
            throw Closed();
        }

        if (IsRevoked)
        {
            throw new S3mException(S3mErrorKind.Unauthorized, "This session's token was revoked.");
        }
    }

    /// <summary>
    /// The URI <paramref name="request"/> goes to, as .NET will send it: '\' read as '/', dot
    /// segments resolved, escapes of unreserved characters decoded. It must stay on the base
    /// URI's origin and under the request's scope; what could change on the way is refused first.
    /// </summary>
    internal Uri Target(S3mRequest request)
    {
        var path = request.Path;
        var query = path.IndexOf('?');
        var pathOnly = query < 0 ? path : path.Substring(0, query);
        if (pathOnly.Length == 0 || pathOnly[0] != '/')
        {
            throw S3mException.InvalidArgument("Path", $"'{S3mRoutes.Printable(path)}' must start with '/': it is a path under the session's base URI.");
        }

        if (pathOnly.IndexOf('\\') >= 0)
        {
            throw S3mException.InvalidArgument("Path", $"'{S3mRoutes.Printable(path)}' must not contain '\\': it is sent as '/', so it could lead out of the place the path belongs to.");
        }

        if (HasEncodedSeparator(pathOnly))
        {
            throw S3mException.InvalidArgument("Path", $"'{S3mRoutes.Printable(path)}' must not contain an encoded '.', '/', '\\' or '%' (%2e, %2f, %5c, %25 in any case), nor ';': servers decode them into dot segments and separators (and read '..;' as '..'), so they could lead out of the place the path belongs to.");
        }

        Uri uri;
        try { uri = new Uri(_baseUri + path); }
        catch (UriFormatException) { throw S3mException.InvalidArgument("Path", $"'{S3mRoutes.Printable(path)}' is not a valid URI path."); }
        var root = request.Scope == null ? _baseRoot : RootOf(request.Scope);
        if (!SameOrigin(uri, _origin) || !Within(uri, root))
        {
            throw S3mException.InvalidArgument("Path", $"'{S3mRoutes.Printable(path)}' leads to {S3mRoutes.Printable(uri.AbsolutePath)} once '.' and '..' are resolved; it must stay under {root}.");
        }

        return uri;
    }

    /// <summary>The normalised absolute path, ending in '/', a request with <paramref name="scope"/> must stay under.</summary>
    private string RootOf(string? scope) => new Uri(_baseUri + (scope ?? "") + "/").AbsolutePath;

    private static bool Within(Uri uri, string root)
    {
        var path = uri.AbsolutePath;
        return path.StartsWith(root, StringComparison.Ordinal) || string.Equals(path + "/", root, StringComparison.Ordinal);
    }

    /// <summary>
    /// What some server on the way may turn into a separator or a dot segment after this
    /// client checked the path: encoded '.', '/', '\' (and '%', which decodes twice into them),
    /// and ';', after which Tomcat, Jetty and kin ignore the rest of a segment ('..;' is '..').
    /// </summary>
    private static bool HasEncodedSeparator(string path) =>
        path.IndexOf(';') >= 0
        || path.IndexOf("%2e", StringComparison.OrdinalIgnoreCase) >= 0
        || path.IndexOf("%2f", StringComparison.OrdinalIgnoreCase) >= 0
        || path.IndexOf("%5c", StringComparison.OrdinalIgnoreCase) >= 0
        || path.IndexOf("%25", StringComparison.Ordinal) >= 0;

    private async Task<(int Status, JsonElement Body)> SendOnceAsync(S3mRequest request, Uri target, CancellationToken cancellationToken)
    {
        var uri = target;
        var method = request.Method;
        var body = request.Body;
        var watch = Stopwatch.StartNew();
        int? answered = null;
        // Whether this attempt's request may have reached S3M (see SentContent); reads never mind.
        SentContent? sent = null;
        bool MayHaveArrived() => request.IsRead || answered.HasValue || sent?.Started == true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            for (var hop = 0; ; hop++)
            {
                LoopbackRule.Check(uri, "BaseUri");
                var withToken = request.Authenticated && SameOrigin(uri, _origin);
                using var message = BuildMessage(request, method, uri, body, withToken);
                sent = message.Content as SentContent ?? sent;
                using var response = await ClientFor(uri).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (IsRedirect(status))
                {
                    // Unfollowable: without this, a loop or a bare 3xx would be mapped like a refused argument.
                    if (response.Headers.Location == null || hop >= MaxRedirects)
                    {
                        throw ErrorMapper.InvalidResponse(request.Method, request.Path, status,
                            response.Headers.Location == null ? "the redirect has no Location to follow" : $"it redirected {MaxRedirects} times in a row; giving up");
                    }

                    Uri next;
                    try { next = new Uri(uri, response.Headers.Location); }
                    catch (UriFormatException) { throw ErrorMapper.InvalidResponse(request.Method, request.Path, status, "the redirect's Location is not a valid address"); }
                    try { CheckHop(request, status == 303 ? "GET" : method, status, next); }
                    catch (S3mException refused) when (status == 303 && !request.IsRead)
                    {
                        // "See other" answers a change that was carried out: its answer is what could not be followed.
                        refused.LostAnswer = $"S3M answered {status} (the change was made; see its answer elsewhere), and the answer's address was not followed";
                        throw;
                    }
                    if (status == 303) { method = "GET"; body = null; }
                    S3mTrace.Write($"{method} {request.Path} → {status}, redirected to {Streaming.Secrets.MaskUrl(next.GetLeftPart(UriPartial.Path))}{(SameOrigin(next, _origin) ? "" : " (another origin: the token is not sent there)")}");
                    uri = next;
                    continue;
                }
                answered = status;
                var success = status >= 200 && status < 300;
                try
                {
                    var bytes = await ReadBodyAsync(request, response, status, success ? Options.MaximumResponseSize : (long?)null, timeout.Token).ConfigureAwait(false);
                    if (S3mTrace.IsVerbose)
                    {
                        S3mTrace.Write($"{request.Method} {request.Path} → {status} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms");
                    }

                    if (success)
                    {
                        return (status, Parse(request, status, bytes));
                    }

                    ThrowError(request, response, status, bytes);
                }
                catch (S3mException unreadable) when (success && !request.IsRead && unreadable.Kind == S3mErrorKind.InvalidResponse)
                {
                    // S3M said the change was made; only its answer could not be read.
                    unreadable.LostAnswer = $"S3M answered {status}, but the answer could not be read";
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var error = ErrorMapper.Timeout(request.Method, request.Path, Options.Timeout);
            if (MayHaveArrived())
            {
                error.LostAnswer = $"no answer within {Options.Timeout.TotalSeconds:0.#} s";
            }

            throw error;
        }
        catch (HttpRequestException e)
        {
            throw LostConnection(request, e, answered, MayHaveArrived());
        }
        catch (IOException e)
        {
            throw LostConnection(request, e, answered, MayHaveArrived());
        }
        catch (InvalidDataException e)
        {
            // A compressed body that does not decompress: the answer, not the connection, broke.
            throw LostConnection(request, e, answered, MayHaveArrived());
        }
    }

    /// <summary>The error an answer that is not a success stands for.</summary>
    private static void ThrowError(S3mRequest request, HttpResponseMessage response, int status, ArraySegment<byte> bytes)
    {
        var error = ErrorMapper.FromResponse(request.Method, request.Path, status, response.ReasonPhrase,
            response.Content.Headers.ContentType?.MediaType, DecodeLenient(bytes),
            RetryPolicy.ReadRetryAfter(response, DateTimeOffset.UtcNow));
        // The gateway's upstream may have acted before the gateway gave up on it.
        if (IsLostStatus(status))
        {
            error.LostAnswer = $"S3M answered {status} {response.ReasonPhrase}".TrimEnd();
        }

        throw error;
    }

    /// <summary>
    /// A redirect is followed only where it changes nothing the user did not ask for: to another
    /// origin only as a read (without the token: see BuildMessage), and on S3M's own origin only
    /// within the place the request belongs to.
    /// </summary>
    private void CheckHop(S3mRequest request, string method, int status, Uri next)
    {
        if (!SameOrigin(next, _origin))
        {
            // Not even a 303's GET: the answer to a change would come from a stranger.
            if (!request.IsRead || (method != "GET" && method != "HEAD"))
            {
                throw ErrorMapper.RefusedRedirect(request.Method, request.Path, status,
                    $"it redirects to another origin, {S3mRoutes.Printable(Streaming.Secrets.MaskUrl(next.GetLeftPart(UriPartial.Authority))!)}, and a {method} is never sent to another origin");
            }

            return;
        }
        var root = request.Scope == null ? _baseRoot : RootOf(request.Scope);
        if (HasEncodedSeparator(next.AbsolutePath) || !Within(next, root))
        {
            throw ErrorMapper.RefusedRedirect(request.Method, request.Path, status,
                $"it redirects to {S3mRoutes.Printable(next.AbsolutePath)}, outside {root}, where this request belongs");
        }
    }

    /// <summary>
    /// The connection failed. Whether a change may have reached S3M is known from its body
    /// (SentContent): whether .NET began to send it, or, past that, whether S3M had answered.
    /// </summary>
    private static S3mException LostConnection(S3mRequest request, Exception e, int? answered, bool mayHaveArrived)
    {
        var error = ErrorMapper.Transport(request.Method, request.Path, Innermost(e), e, answered);
        if (answered.HasValue)
        {
            // A success (or a gateway failure) whose body was cut: S3M may well have acted.
            if ((answered.Value >= 200 && answered.Value < 300) || IsLostStatus(answered.Value))
            {
                error.LostAnswer = $"S3M answered {answered.Value}, then the connection was lost while its body was read";
            }
        }
        else if (mayHaveArrived)
        {
            error.LostAnswer = $"the connection was lost after the request was sent: {Innermost(e)}";
        }
        return error;
    }

    private static bool IsLostStatus(int status) => status == 502 || status == 504;

    private HttpRequestMessage BuildMessage(S3mRequest request, string method, Uri uri, string? body, bool withToken)
    {
        var message = new HttpRequestMessage(new HttpMethod(method), uri);
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        message.Headers.TryAddWithoutValidation("Accept", "application/json");
        foreach (var header in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (withToken && _token != null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", Reveal(_token));
        }
        // Every change carries a body, empty or not (see SentContent); a read carries none.
        if (method != "GET" && method != "HEAD")
        {
            message.Content = new SentContent(body);
        }
        else if (body != null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return message;
    }

    /// <summary>
    /// Reads the body as the handler decompresses it, counting what arrives: a success past
    /// <paramref name="limit"/> (announced or counted) fails at once; an error body is read only
    /// as far as it is ever shown. So memory stays bounded whatever Content-Length claims.
    /// </summary>
    private static async Task<ArraySegment<byte>> ReadBodyAsync(S3mRequest request, HttpResponseMessage response, int status, long? limit, CancellationToken cancellationToken)
    {
        var announced = response.Content.Headers.ContentLength;
        if (limit.HasValue && announced > limit.Value)
        {
            throw ErrorMapper.TooLarge(request.Method, request.Path, status, limit.Value, announced);
        }

        var most = limit ?? ErrorBodyLimit;
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream(announced > 0 && announced <= Math.Min(most, MaxPresize) ? (int)announced.Value : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > most)
                {
                    if (limit.HasValue)
                    {
                        throw ErrorMapper.TooLarge(request.Method, request.Path, status, limit.Value, null);
                    }

                    buffer.Write(chunk, 0, (int)(most - buffer.Length));
                    break;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        // The buffer itself, not a copy (ToArray): Parse clones what it keeps.
        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // A Content-Length above this is not trusted to size the buffer up front.
    private const long MaxPresize = 1 << 20;

    private static JsonElement Parse(S3mRequest request, int status, ArraySegment<byte> bytes)
    {
        if (bytes.Count == 0 || IsBlank(bytes))
        {
            return EmptyObject;
        }
        // JsonDocument checks structure, not the UTF-8 inside strings: bad bytes would only
        // surface later, as a raw InvalidOperationException from whichever reader met them.
        try { StrictUtf8.GetCharCount(bytes.Array!, bytes.Offset, bytes.Count); }
        catch (DecoderFallbackException e)
        {
            throw ErrorMapper.InvalidResponse(request.Method, request.Path, status, $"the body is not valid UTF-8 ({bytes.Count} bytes)", e);
        }
        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory());
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var start = DecodeLenient(bytes).TrimStart();
            var what = start.StartsWith("<", StringComparison.Ordinal) ? "the body is HTML, not JSON" : "the body is not valid JSON";
            throw ErrorMapper.InvalidResponse(request.Method, request.Path, status, $"{what} ({bytes.Count} bytes; {e.Message})", e);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static bool IsBlank(ArraySegment<byte> bytes)
    {
        for (var i = bytes.Offset; i < bytes.Offset + bytes.Count; i++)
        {
            var b = bytes.Array![i];
            if (b != ' ' && b != '\r' && b != '\n' && b != '\t')
            {
                return false;
            }
        }
        return true;
    }

    private static string DecodeLenient(ArraySegment<byte> bytes) => Encoding.UTF8.GetString(bytes.Array!, bytes.Offset, Math.Min(bytes.Count, 64 * 1024));

    private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(LoopbackRule.HostOf(a), LoopbackRule.HostOf(b), StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static string Innermost(Exception e)
    {
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    private static S3mException Closed() => S3mException.NotConnected("This session was disconnected and its token disposed.");

    /// <summary>The only place the token becomes a string: to build the header of one request.</summary>
    private static string Reveal(SecureString secure)
    {
        try { return Tokens.SecureText.Reveal(secure); }
        catch (ObjectDisposedException) { throw Closed(); } // disconnected while a call of another runspace was under way
    }

    /// <summary>What the token's JWT payload says (its ID, issue time), or null for a token that is not a JWT.</summary>
    public Tokens.JwtPayload? ReadTokenPayload() => _token == null || Volatile.Read(ref _disposed) == 1 ? null : Tokens.JwtPayload.TryRead(Reveal(_token));

    private static HttpClient ClientFor(Uri uri) => LoopbackRule.IsLoopback(uri) ? Direct : Proxied;

    private static HttpClient CreateShared(bool useProxy)
    {
        var handler = new HttpClientHandler
        {
            // Redirects are followed by hand, so the token never follows one to another origin.
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = useProxy,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            MaxConnectionsPerServer = 64,
        };
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    private static string ModuleVersion()
    {
        var assembly = typeof(S3mTransport).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus > 0 ? version.Substring(0, plus) : version;
    }
}
