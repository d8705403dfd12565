using System;
using System.Linq;

namespace S3M.Transport;

/// <summary>Where a session talks to and how patient it is. Immutable once a client holds it.</summary>
public sealed class S3mClientOptions
{
    public const string DefaultBaseUri = "https://s3m.olcf.ornl.gov";
    public const string DefaultEnclave = "open";

    /// <summary>The compute prefix the public docs lead with, and the other documented one.</summary>
    public const string DefaultComputePrefix = "/olcf/v1/slurm";
    public const string ShortComputePrefix = "/slurm";

    /// <summary>The streaming prefix the gateway shows, and the one older documents give (inside the gateway, without the enclave).</summary>
    public const string DefaultStreamingPrefix = "/olcf/" + EnclavePlaceholder + "/v1alpha/streaming";
    public const string ShortStreamingPrefix = "/olcf/v1alpha/streaming";

    /// <summary>Stands for the session's enclave in a prefix.</summary>
    public const string EnclavePlaceholder = "{enclave}";

    public Uri BaseUri { get; set; } = new Uri(DefaultBaseUri);
    public string Enclave { get; set; } = DefaultEnclave;
    public string ComputePrefix { get; set; } = DefaultComputePrefix;

    /// <summary>Where the streaming service is; <see cref="EnclavePlaceholder"/>, where it stands, becomes the enclave.</summary>
    public string StreamingPrefix { get; set; } = DefaultStreamingPrefix;

    /// <summary>How long one request may take, retries not counted.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    public RetryOptions Retry { get; set; } = new RetryOptions();

    /// <summary>The slurmrestd version per resource (the public table, with the session's overrides).</summary>
    public Slurm.SlurmApiVersions SlurmApiVersions { get; set; } = new Slurm.SlurmApiVersions();

    /// <summary>How many requests one bulk call (many job IDs) keeps in flight.</summary>
    public int MaximumConcurrency { get; set; } = 8;

    /// <summary>
    /// When a submit's answer is lost, how long after it the resource's job list is read for
    /// the job's tag, one read per entry: at once, after 1 s and after 3 s, so a job the gateway
    /// hands to Slurm late is still found, within a few seconds. Never more than ten reads, a minute.
    /// </summary>
    public TimeSpan[] SubmissionLookupTimes { get; set; } = { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3) };

    /// <summary>
    /// The most bytes one answer may have once decompressed; a larger one fails as
    /// S3M.InvalidResponse without being read further. The default holds a /jobs listing of a
    /// very large queue; it bounds what a broken or hostile server can make the process hold.
    /// </summary>
    public long MaximumResponseSize { get; set; } = DefaultMaximumResponseSize;

    public const long DefaultMaximumResponseSize = 256L << 20;
    public const long MinMaximumResponseSize = 1L << 10;
    public const long MaxMaximumResponseSize = 1L << 30;

    /// <summary>
    /// Checks every setting, first of all that a token may go to <see cref="BaseUri"/>
    /// (https, or plain http to this machine only); throws S3M.InvalidArgument naming the setting.
    /// </summary>
    public S3mClientOptions Validated()
    {
        LoopbackRule.Check(BaseUri, "BaseUri");
        if (Timeout <= TimeSpan.Zero)
        {
            throw S3mException.InvalidArgument("Timeout", "must be greater than zero.");
        }

        S3mRoutes.Segment(Enclave, "Enclave");
        if (string.IsNullOrEmpty(ComputePrefix) || ComputePrefix[0] != '/' || ComputePrefix.EndsWith("/", StringComparison.Ordinal))
        {
            throw S3mException.InvalidArgument("ComputePrefix", $"must start with '/' and not end with one, such as {DefaultComputePrefix} or {ShortComputePrefix}.");
        }
        // Each word a plain name, so the prefix every Slurm path must stay under is what it says.
        foreach (var word in ComputePrefix.Substring(1).Split('/'))
        {
            S3mRoutes.Segment(word, "ComputePrefix");
        }

        if (string.IsNullOrEmpty(StreamingPrefix) || StreamingPrefix[0] != '/' || StreamingPrefix.EndsWith("/", StringComparison.Ordinal))
        {
            throw S3mException.InvalidArgument("StreamingPrefix", $"must start with '/' and not end with one, such as {DefaultStreamingPrefix} or {ShortStreamingPrefix}.");
        }
        foreach (var word in StreamingPrefix.Substring(1).Split('/'))
        {
            if (word != EnclavePlaceholder)
            {
                S3mRoutes.Segment(word, "StreamingPrefix");
            }
        }

        if (MaximumResponseSize < MinMaximumResponseSize || MaximumResponseSize > MaxMaximumResponseSize)
        {
            throw S3mException.InvalidArgument("MaximumResponseSize", $"must be between {MinMaximumResponseSize} bytes (1KB) and {MaxMaximumResponseSize} bytes (1GB).");
        }

        if (SubmissionLookupTimes == null || SubmissionLookupTimes.Length < 1 || SubmissionLookupTimes.Length > 10
            || SubmissionLookupTimes[0] < TimeSpan.Zero || SubmissionLookupTimes[SubmissionLookupTimes.Length - 1] > TimeSpan.FromMinutes(1)
            || SubmissionLookupTimes.Zip(SubmissionLookupTimes.Skip(1), (a, b) => b < a).Any(x => x))
        {
            throw S3mException.InvalidArgument("SubmissionLookupTimes", "must be 1 to 10 times from 0 to 1 minute, in order.");
        }

        Retry.Validate();
        if (MaximumConcurrency < 1 || MaximumConcurrency > 64)
        {
            throw S3mException.InvalidArgument("MaximumConcurrency", "must be between 1 and 64.");
        }

        return this;
    }
}

/// <summary>
/// Retries of safe calls (reads and revoke) on 429/502/503/504 and connection failures:
/// capped exponential backoff with jitter, and never sooner than the server's Retry-After.
/// </summary>
public sealed class RetryOptions
{
    public int MaximumRetryCount { get; set; } = 4;
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaximumDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (MaximumRetryCount < 0 || MaximumRetryCount > 20)
        {
            throw S3mException.InvalidArgument("MaximumRetryCount", "must be between 0 and 20.");
        }

        if (InitialDelay < TimeSpan.Zero || MaximumDelay < InitialDelay)
        {
            throw S3mException.InvalidArgument("MaximumRetryDelay", "must be at least the initial delay and not negative.");
        }
    }
}
