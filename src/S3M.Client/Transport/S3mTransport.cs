using System;
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

namespace S3M.Transport
{
    /// <summary>
    /// Sends S3M requests: one shared HttpClient, the raw-token header, timeouts, retries,
    /// redirects that never carry the token to another origin, and one error mapping.
    /// </summary>
    public sealed class S3mTransport
    {
        private const int MaxRedirects = 5;

        // One HttpClient for the process: sockets are pooled across sessions and runspaces.
        // Timeouts are per request (linked tokens), so the client's own is infinite.
        private static readonly HttpClient Shared = CreateShared();

        private readonly SecureString? _token;
        private readonly string _baseUri;
        private readonly RetryPolicy _retry;
        private int _revoked;
        private int _disposed;

        public S3mTransport(S3mClientOptions options, SecureString? token)
        {
            Options = options.Validated();
            _baseUri = Options.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
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
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _token?.Dispose();
        }

        public static string UserAgent { get; } = "S3M-PowerShell/" + ModuleVersion();

        /// <summary>Sends <paramref name="request"/> and returns its JSON answer (an empty object for an empty body).</summary>
        public async Task<JsonElement> SendAsync(S3mRequest request, CancellationToken cancellationToken)
        {
            if (request.Authenticated) CheckUsable();
            for (var attempt = 0; ; attempt++)
            {
                S3mException failure;
                try
                {
                    return await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (S3mException e) when (request.Retriable && IsRetriable(e))
                {
                    failure = e;
                }
                if (attempt >= _retry.MaximumRetryCount) throw failure;
                var delay = _retry.DelayBefore(attempt + 1, failure.RetryAfter);
                if (delay == null) throw failure;
                S3mTrace.Write($"{request.Method} {request.Path}: {Describe(failure)}; retry {attempt + 1} of {_retry.MaximumRetryCount} in {delay.Value.TotalSeconds:0.0} s");
                await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        private static bool IsRetriable(S3mException e) =>
            e.Kind == S3mErrorKind.Transport || (e.StatusCode.HasValue && RetryPolicy.IsRetriableStatus(e.StatusCode.Value));

        private static string Describe(S3mException e) => e.StatusCode.HasValue ? e.StatusCode.Value.ToString() : "connection failed";

        private void CheckUsable()
        {
            if (_token == null)
                throw S3mException.NotConnected("This call needs a token: connect first with Connect-S3m.");
            if (Volatile.Read(ref _disposed) == 1) throw Closed();
            if (IsRevoked)
                throw new S3mException(S3mErrorKind.Unauthorized, "This session's token was revoked; connect again with a new token (Connect-S3m).");
        }

        private async Task<JsonElement> SendOnceAsync(S3mRequest request, CancellationToken cancellationToken)
        {
            var uri = new Uri(_baseUri + request.Path);
            var origin = uri;
            var method = request.Method;
            var body = request.Body;
            var watch = Stopwatch.StartNew();
            int? answered = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.Timeout);
            try
            {
                for (var hop = 0; ; hop++)
                {
                    LoopbackRule.Check(uri, "BaseUri");
                    var withToken = request.Authenticated && SameOrigin(uri, origin);
                    using var message = BuildMessage(request, method, uri, body, withToken);
                    using var response = await Shared.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (IsRedirect(status))
                    {
                        // Unfollowable: without this, a loop or a bare 3xx would be mapped like a refused argument.
                        if (response.Headers.Location == null || hop >= MaxRedirects)
                            throw ErrorMapper.InvalidResponse(request.Method, request.Path, status,
                                response.Headers.Location == null ? "the redirect has no Location to follow" : $"it redirected {MaxRedirects} times in a row; giving up");
                        uri = new Uri(uri, response.Headers.Location);
                        S3mTrace.Write($"{method} {request.Path} → {status}, redirected to {uri.GetLeftPart(UriPartial.Path)}{(SameOrigin(uri, origin) ? "" : " (another origin: the token is not sent there)")}");
                        if (status == 303) { method = "GET"; body = null; }
                        continue;
                    }
                    answered = status;
                    var bytes = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
                    if (S3mTrace.IsVerbose) S3mTrace.Write($"{request.Method} {request.Path} → {status} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms");
                    if (status >= 200 && status < 300) return Parse(request, status, bytes);
                    throw ErrorMapper.FromResponse(request.Method, request.Path, status, response.ReasonPhrase,
                        response.Content.Headers.ContentType?.MediaType, DecodeLenient(bytes),
                        RetryPolicy.ReadRetryAfter(response, DateTimeOffset.UtcNow));
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw ErrorMapper.Timeout(request.Method, request.Path, Options.Timeout);
            }
            catch (HttpRequestException e)
            {
                throw ErrorMapper.Transport(request.Method, request.Path, Innermost(e), e, answered);
            }
            catch (IOException e)
            {
                throw ErrorMapper.Transport(request.Method, request.Path, Innermost(e), e, answered);
            }
        }

        private HttpRequestMessage BuildMessage(S3mRequest request, string method, Uri uri, string? body, bool withToken)
        {
            var message = new HttpRequestMessage(new HttpMethod(method), uri);
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            foreach (var header in request.Headers) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            if (withToken && _token != null) message.Headers.TryAddWithoutValidation("Authorization", Reveal(_token));
            if (body != null) message.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return message;
        }

        private static async Task<ArraySegment<byte>> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var length = response.Content.Headers.ContentLength;
            using var buffer = new MemoryStream(length > 0 && length < MaxPresize ? (int)length.Value : 0);
            // netstandard2.0 has no cancellable ReadAsByteArrayAsync; CopyToAsync with a token is.
            await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            // The buffer itself, not a copy (ToArray): Parse clones what it keeps.
            return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        // A Content-Length above this is not trusted to size the buffer up front.
        private const long MaxPresize = 1 << 20;

        private static JsonElement Parse(S3mRequest request, int status, ArraySegment<byte> bytes)
        {
            if (bytes.Count == 0 || IsBlank(bytes)) return EmptyObject;
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
                if (b != ' ' && b != '\r' && b != '\n' && b != '\t') return false;
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
            while (e.InnerException != null) e = e.InnerException;
            return e.Message;
        }

        private static S3mException Closed() => S3mException.NotConnected("This session was disconnected and its token disposed; connect again with Connect-S3m.");

        /// <summary>The only place the token becomes a string: to build the header of one request.</summary>
        private static string Reveal(SecureString secure)
        {
            try { return Tokens.SecureText.Reveal(secure); }
            catch (ObjectDisposedException) { throw Closed(); } // disconnected while a call of another runspace was under way
        }

        /// <summary>What the token's JWT payload says (its ID, issue time), or null for a token that is not a JWT.</summary>
        public Tokens.JwtPayload? ReadTokenPayload() => _token == null || Volatile.Read(ref _disposed) == 1 ? null : Tokens.JwtPayload.TryRead(Reveal(_token));

        private static HttpClient CreateShared()
        {
            var handler = new HttpClientHandler
            {
                // Redirects are followed by hand, so the token never follows one to another origin.
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = true,
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
}
