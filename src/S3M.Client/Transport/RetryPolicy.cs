using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;

namespace S3M.Transport;

/// <summary>Decides whether a failed attempt is tried again, and after how long.</summary>
internal sealed class RetryPolicy
{
    private static readonly Random Jitter = new Random();
    private readonly RetryOptions _options;

    public RetryPolicy(RetryOptions options) { _options = options; }

    public int MaximumRetryCount => _options.MaximumRetryCount;

    public static bool IsRetriableStatus(int status) => status == 429 || status == 502 || status == 503 || status == 504;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): exponential from the
    /// initial delay, capped, with jitter between half and the whole of it; never shorter than
    /// Retry-After. Null when the server asks for a longer wait than the cap allows: waiting
    /// that long silently would look like a hang, so the caller fails with the advice instead.
    /// </summary>
    public TimeSpan? DelayBefore(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter.HasValue && retryAfter.Value > _options.MaximumDelay)
        {
            return null;
        }

        var exponential = _options.InitialDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, _options.MaximumDelay.TotalMilliseconds);
        double factor;
        lock (Jitter)
        {
            factor = 0.5 + Jitter.NextDouble() / 2;
        }

        var delay = TimeSpan.FromMilliseconds(capped * factor);
        return retryAfter.HasValue && retryAfter.Value > delay ? retryAfter.Value : delay;
    }

    /// <summary>Retry-After as delta-seconds or as an HTTP date, relative to <paramref name="now"/>.</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header != null)
        {
            if (header.Delta.HasValue)
            {
                return Positive(header.Delta.Value);
            }

            if (header.Date.HasValue)
            {
                return Positive(header.Date.Value - now);
            }
        }
        // Some proxies send forms HttpClient's parser rejects ("1.5", a lowercase date).
        if (response.Headers.TryGetValues("Retry-After", out var values))
        {
            foreach (var value in values)
            {
                var parsed = ParseRetryAfter(value, now);
                if (parsed.HasValue)
                {
                    return parsed;
                }
            }
        }
        return null;
    }

    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value!.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return Positive(date - now);
        }

        return null;
    }

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
