using System;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace S3M.Transport;

/// <summary>
/// The one mapping from what S3M answered to a stable error: HTTP status first, the
/// gRPC-gateway body (<c>code</c>, <c>message</c>, a detail's <c>publicMessage</c>) for the
/// words, and HTML or empty bodies read as well as they can be. A body in Slurm's envelope
/// (<c>errors[]</c>) is Slurm's refusal whatever the status, read by <see cref="Slurm.SlurmMeta"/>.
/// </summary>
internal static class ErrorMapper
{
    private const int MaxMessageLength = 500;
    private static readonly Regex HtmlTitle = new Regex("<title[^>]*>(?<t>[^<]*)</title>", RegexOptions.IgnoreCase | RegexOptions.Compiled, RegexLimit.MatchTimeout);
    private static readonly Regex HtmlTag = new Regex("<[^>]+>", RegexOptions.Compiled, RegexLimit.MatchTimeout);
    private static readonly Regex Blanks = new Regex(@"\s+", RegexOptions.Compiled, RegexLimit.MatchTimeout);

    public static S3mErrorKind KindOf(int status, int? grpcCode)
    {
        switch (status)
        {
            case 400: case 422: return S3mErrorKind.InvalidArgument;
            case 401: return S3mErrorKind.Unauthorized;
            case 403: return S3mErrorKind.Forbidden;
            case 404: return S3mErrorKind.NotFound;
            case 408: return S3mErrorKind.Timeout;
            case 409: return S3mErrorKind.Conflict;
            case 429: return S3mErrorKind.Throttled;
            case 504: return S3mErrorKind.Timeout;
        }
        if (status >= 500)
        {
            return S3mErrorKind.Unavailable;
        }

        return grpcCode.HasValue ? KindOfGrpc(grpcCode.Value) : S3mErrorKind.InvalidArgument;
    }

    private static S3mErrorKind KindOfGrpc(int code)
    {
        switch (code)
        {
            case 3: case 9: case 11: return S3mErrorKind.InvalidArgument;
            case 4: return S3mErrorKind.Timeout;
            case 5: return S3mErrorKind.NotFound;
            case 6: return S3mErrorKind.Conflict;
            case 7: return S3mErrorKind.Forbidden;
            case 8: return S3mErrorKind.Throttled;
            case 16: return S3mErrorKind.Unauthorized;
            default: return S3mErrorKind.Unavailable;
        }
    }

    public static S3mException FromResponse(string method, string path, int status, string? reason, string? contentType, string body, TimeSpan? retryAfter)
    {
        var json = JsonObjectOf(body);
        // Slurm's envelope, whatever the status: slurmrestd answers its errors with the 200's schema.
        if (json.HasValue && Slurm.SlurmMeta.ReadErrors(json.Value) is { } slurm)
        {
            var slurmKind = StatusDecides(status) ? KindOf(status, null) : slurm.Kind;
            var refusal = Slurm.SlurmMeta.Refusal(slurmKind, method, path, status, ReasonOf(status, reason), slurm.Text, Meaning(slurmKind, retryAfter));
            refusal.RetryAfter = retryAfter;
            refusal.Answer = json;
            return refusal;
        }

        var (grpcCode, serverMessage) = json.HasValue ? ReadGateway(json.Value) : ReadText(contentType, body);
        var kind = KindOf(status, grpcCode);
        var said = serverMessage ?? (string.IsNullOrEmpty(reason) ? "no message" : reason);
        var meaning = Meaning(kind, retryAfter);
        var message = $"S3M answered {status} ({ReasonOf(status, reason)}) to {method} {path}: {(meaning.Length > 0 ? said?.TrimEnd('.') : said)}{meaning}";
        return new S3mException(kind, message)
        {
            Method = method,
            Path = path,
            StatusCode = status,
            GrpcCode = grpcCode,
            ServerMessage = serverMessage,
            RetryAfter = retryAfter,
            Answer = json,
        };
    }

    /// <summary>
    /// Statuses whose meaning outranks the words of a Slurm envelope: what to do next (connect,
    /// get a scope, wait, retry) follows from them; Slurm's error number decides the rest.
    /// </summary>
    private static bool StatusDecides(int status) =>
        status == 401 || status == 403 || status == 404 || status == 408 || status == 429 || status == 502 || status == 503 || status == 504;

    /// <summary>A 2xx answer that is not the JSON it should be.</summary>
    public static S3mException InvalidResponse(string method, string path, int status, string problem, Exception? inner = null) =>
        new S3mException(S3mErrorKind.InvalidResponse, $"S3M answered {status} to {method} {path}, but {problem}", inner)
        { Method = method, Path = path, StatusCode = status };

    /// <summary>The connection failed; <paramref name="answered"/> is the status when it failed while the answer's body was being read.</summary>
    public static S3mException Transport(string method, string path, string problem, Exception? inner, int? answered = null) =>
        new S3mException(S3mErrorKind.Transport, answered.HasValue
            ? $"Could not complete {method} {path}: S3M answered {answered.Value}, but the connection was lost while its body was being read ({problem})"
            : $"Could not complete {method} {path}: {problem}", inner)
        { Method = method, Path = path };

    /// <summary>An answer past the session's MaximumResponseSize: not read further, and not asked for again.</summary>
    public static S3mException TooLarge(string method, string path, int status, long limit, long? announced)
    {
        var error = InvalidResponse(method, path, status,
            $"the answer {(announced.HasValue ? $"announces {announced.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes, more" : "is larger")} than this session's MaximumResponseSize of {Size(limit)}, so it was not read{(announced.HasValue ? "" : " further")}. "
            + $"If an answer that large is expected, raise the limit ({SuggestedLimit(limit)}, say).");
        error.Remedy = S3mRemedy.RaiseResponseLimit;
        return error;
    }

    /// <summary>
    /// A redirect the module will not follow: a request with a body or an effect to another
    /// origin, or to a place outside the one the request belongs to. Nothing is sent there.
    /// </summary>
    public static S3mException RefusedRedirect(string method, string path, int status, string problem) =>
        InvalidResponse(method, path, status, $"{problem}; the redirect was not followed and nothing was sent there. Check the session's BaseUri, or ask OLCF whether S3M has moved.");

    /// <summary>
    /// The request may have reached S3M but its answer was lost (<paramref name="lostHow"/>):
    /// say so, and how to find out, instead of guessing or sending it again.
    /// </summary>
    public static S3mException OutcomeUnknown(S3mRequest request, S3mException last, string lostHow) =>
        new S3mException(S3mErrorKind.OutcomeUnknown,
            $"The answer to {request.Method} {last.Path} was lost ({lostHow}), so S3M may have carried it out; "
            + (request.Retriable ? "asking again did not settle it. " : "it was not sent again. ")
            + (request.OutcomeCheck ?? "Check whether it took effect before sending it again."), last)
        { Method = request.Method, Path = last.Path, StatusCode = last.StatusCode, ServerMessage = last.ServerMessage, LostAnswer = lostHow };

    /// <summary>What to tell a user who stopped a call that may have reached S3M (Ctrl+C).</summary>
    public static string Interrupted(S3mRequest request) =>
        $"{request.Method} {request.Path} was stopped while S3M may already have received it, so it may have taken effect. "
        + (request.OutcomeCheck ?? "Check whether it did before sending it again.");

    /// <summary>Bytes as people read them: 512 bytes, 64 KiB, 1.5 GiB.</summary>
    public static string Size(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes";
        }

        string[] units = { "KiB", "MiB", "GiB", "TiB" };
        double value = bytes;
        var unit = -1;
        do { value /= 1024; unit++; } while (value >= 1024 && unit < units.Length - 1);
        return value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " " + units[unit];
    }

    // Four times the limit, in PowerShell's own notation, capped at the largest allowed.
    private static string SuggestedLimit(long limit)
    {
        var next = Math.Min(limit * 4, S3mClientOptions.MaxMaximumResponseSize);
        return next % (1L << 30) == 0 ? next / (1L << 30) + "GB"
            : next % (1L << 20) == 0 ? next / (1L << 20) + "MB"
            : next % 1024 == 0 ? next / 1024 + "KB"
            : next.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static S3mException Timeout(string method, string path, TimeSpan timeout) =>
        new S3mException(S3mErrorKind.Timeout, $"{method} {path} had no answer within {timeout.TotalSeconds:0.#} s (the session's Timeout).")
        { Method = method, Path = path };

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    private static JsonElement? JsonObjectOf(string body)
    {
        if (!body.TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : (JsonElement?)null;
        }
        catch (JsonException) { return null; /* shown as the text it is */ }
    }

    /// <summary>The gRPC-gateway body: its code, and a detail's publicMessage or its message.</summary>
    private static (int? code, string? message) ReadGateway(JsonElement root)
    {
        int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : (int?)null;
        var message = PublicMessage(root) ?? Text(root, "message") ?? Text(root, "error") ?? Text(root, "detail");
        return (code, Clip(message));
    }

    /// <summary>A body that is not a JSON object: an HTML page's title, or the text as it came.</summary>
    private static (int? code, string? message) ReadText(string? contentType, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            if ((contentType ?? "").IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0 || body.TrimStart().StartsWith("<", StringComparison.Ordinal))
            {
                var title = HtmlTitle.Match(body);
                var text = title.Success ? title.Groups["t"].Value : HtmlTag.Replace(body, " ");
                return (null, Clip(WebUtility.HtmlDecode(Blanks.Replace(text, " ").Trim())));
            }
            return (null, Clip(Blanks.Replace(body, " ").Trim()));
        }
        catch (RegexMatchTimeoutException)
        {
            // A body built to be slow to read is not worth quoting: the status and its reason say enough.
            return (null, null);
        }
    }

    private static string? PublicMessage(JsonElement root)
    {
        if (!root.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind == JsonValueKind.Object && Text(detail, "publicMessage") is string text)
            {
                return text;
            }
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is string s && s.Length > 0 ? s : null;

    /// <summary>Bounded, one line, no control or invisible formatting characters: safe to put in an error record.</summary>
    internal static string? Clip(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var cut = text!.Length > MaxMessageLength ? text.Substring(0, MaxMessageLength) + "..." : text;
        var chars = cut.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (S3mRoutes.Unprintable(chars[i]))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    internal static string ReasonOf(int status, string? reason) =>
        !string.IsNullOrEmpty(reason) ? reason! : ((HttpStatusCode)status).ToString();

    /// <summary>What the answer means, in S3M's terms; what to do about it is the host's to say (the module's error records).</summary>
    private static string Meaning(S3mErrorKind kind, TimeSpan? retryAfter)
    {
        switch (kind)
        {
            case S3mErrorKind.Unauthorized: return ". The token is wrong, expired or revoked.";
            case S3mErrorKind.Throttled when retryAfter.HasValue: return $". The server asks to wait {retryAfter.Value.TotalSeconds:0.#} s before trying again.";
            default: return "";
        }
    }
}
