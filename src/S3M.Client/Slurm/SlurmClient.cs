using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>Slurm through S3M ("Slurm indirect"): one resource at a time, in the version it speaks.</summary>
public sealed class SlurmClient
{
    private const string WithStorageHeader = "x-s3m-withstorage";
    private readonly S3mTransport _transport;

    internal SlurmClient(S3mTransport transport) { _transport = transport; }

    public SlurmApiVersions Versions => _transport.Options.SlurmApiVersions;

    /// <summary>
    /// Any Slurm path of <paramref name="resource"/> (the escape hatch), in its version unless
    /// <paramref name="version"/> names another: the path must stay within the resource once
    /// normalised; Slurm's errors[] throw. Reads and cancels are retried, a POST never. The
    /// answer comes back as plain values (see <see cref="S3mClient.InvokeAsync"/>), with Slurm's warnings.
    /// </summary>
    public async Task<SlurmResult<object?>> InvokeAsync(string resource, string? version, string method, string path,
        IEnumerable<KeyValuePair<string, object?>>? query, object? body, CancellationToken cancellationToken)
    {
        var request = EscapeHatch.Request(method, path, query, body, retriable: !string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase));
        var answer = await SendAsync(resource, Versions.For(resource, version), request, cancellationToken).ConfigureAwait(false);
        return new SlurmResult<object?>(GatewayJson.ToPlain(answer), SlurmMeta.Warnings(answer));
    }

    /// <summary>One request to a Slurm path of <paramref name="resource"/>; Slurm errors throw.</summary>
    internal async Task<JsonElement> SendAsync(string resource, string version, S3mRequest template, CancellationToken cancellationToken) =>
        (await ExchangeAsync(resource, version, template, cancellationToken).ConfigureAwait(false)).Body;

    /// <summary>
    /// One request to a Slurm path of <paramref name="resource"/>; Slurm errors throw, except in
    /// an answer that shows an earlier attempt, whose answer was lost, did the work (<see cref="S3mAnswer.DoneEarlier"/>).
    /// </summary>
    private async Task<S3mAnswer> ExchangeAsync(string resource, string version, S3mRequest template, CancellationToken cancellationToken)
    {
        // The transport holds the final URI to this resource's place, whatever the tail says.
        var scope = S3mRoutes.SlurmScope(_transport.Options, version, resource);
        var request = template.At(scope + "/" + template.Path.TrimStart('/'), scope);
        var answer = await _transport.ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.DoneEarlier == null)
        {
            SlurmMeta.Check(answer.Body, request.Method, request.Path);
        }

        return answer;
    }

    private Task<JsonElement> GetAsync(string resource, string version, string tail, CancellationToken cancellationToken) =>
        SendAsync(resource, version, S3mRequest.Get(tail), cancellationToken);

    /// <summary>A read whose answer becomes <typeparamref name="T"/>, with Slurm's warnings.</summary>
    private async Task<SlurmResult<T>> ReadAsync<T>(string resource, string? version, string tail, Func<JsonElement, string, T> read, CancellationToken cancellationToken)
    {
        var v = Versions.For(resource, version);
        var answer = await GetAsync(resource, v, tail, cancellationToken).ConfigureAwait(false);
        return new SlurmResult<T>(read(answer, v), SlurmMeta.Warnings(answer));
    }

    public Task<SlurmResult<SlurmPing[]>> PingAsync(string resource, string? version, CancellationToken cancellationToken) =>
        ReadAsync(resource, version, S3mRoutes.SlurmPing,
            (answer, v) => answer.Objects("pings").Select(p => SlurmPing.Read(p, answer, resource, v)).ToArray(), cancellationToken);

    /// <summary>The project's jobs on <paramref name="resource"/> (<c>GET /jobs</c>, controller shape).</summary>
    public Task<SlurmResult<SlurmJob[]>> GetJobsAsync(string resource, string? version, CancellationToken cancellationToken) =>
        ReadAsync(resource, version, S3mRoutes.SlurmJobs, (answer, v) =>
        {
            var now = DateTimeOffset.UtcNow;
            return answer.Objects("jobs").Select(j => SlurmJob.Read(j, resource, v, now)).ToArray();
        }, cancellationToken);

    /// <summary>One job (<c>GET /job/{id}</c>, accounting shape).</summary>
    public Task<SlurmResult<SlurmJob>> GetJobAsync(string resource, string? version, long jobId, CancellationToken cancellationToken) =>
        GetJobInVersionAsync(resource, Versions.For(resource, version), jobId, cancellationToken);

    private async Task<SlurmResult<SlurmJob>> GetJobInVersionAsync(string resource, string v, long jobId, CancellationToken cancellationToken)
    {
        var tail = S3mRoutes.SlurmJob(jobId);
        var answer = await GetAsync(resource, v, tail, cancellationToken).ConfigureAwait(false);
        var job = answer.Objects("jobs").FirstOrDefault(j => j.Number("job_id") == jobId);
        if (job.ValueKind != JsonValueKind.Object)
        {
            throw new S3mException(S3mErrorKind.NotFound, $"Slurm on {resource} has no job {jobId}.")
            { Method = "GET", Path = S3mRoutes.Slurm(_transport.Options, v, resource, tail), StatusCode = 200 };
        }

        return new SlurmResult<SlurmJob>(SlurmJob.Read(job, resource, v, DateTimeOffset.UtcNow), SlurmMeta.Warnings(answer));
    }

    /// <summary>
    /// Many jobs by ID, concurrently but bounded, in the order asked. A job that fails is
    /// reported through <paramref name="onError"/> and the rest go on.
    /// </summary>
    public Task GetJobsAsync(string resource, string? version, IReadOnlyList<long> jobIds,
        Action<int, SlurmResult<SlurmJob>> onJob, Action<int, long, S3mException> onError, CancellationToken cancellationToken)
    {
        var v = Versions.For(resource, version);
        return ForEachAsync(jobIds.Count, _transport.Options.MaximumConcurrency, async index =>
        {
            var id = jobIds[index];
            try { onJob(index, await GetJobInVersionAsync(resource, v, id, cancellationToken).ConfigureAwait(false)); }
            catch (S3mException e) { onError(index, id, e); }
        }, cancellationToken);
    }

    /// <summary>
    /// Many submissions, at most <paramref name="maximumConcurrency"/> at once (1 to 64), each
    /// sent once as <see cref="SubmitAsync(SubmitPlan, CancellationToken)"/> sends it. One that
    /// fails is reported through <paramref name="onError"/> and the rest go on. Once
    /// <paramref name="cancellationToken"/> is cancelled no further plan is sent.
    /// </summary>
    public Task SubmitAsync(IReadOnlyList<SubmitPlan> plans, int maximumConcurrency,
        Action<int, SlurmSubmission> onSubmitted, Action<int, S3mException> onError, CancellationToken cancellationToken)
    {
        if (maximumConcurrency < 1 || maximumConcurrency > 64)
        {
            throw S3mException.InvalidArgument("MaximumConcurrency", "must be between 1 and 64.");
        }

        return ForEachAsync(plans.Count, maximumConcurrency, async index =>
        {
            try { onSubmitted(index, await SubmitAsync(plans[index], cancellationToken).ConfigureAwait(false)); }
            catch (S3mException e) { onError(index, e); }
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> for the indexes 0 to <paramref name="count"/> - 1, at most
    /// <paramref name="concurrency"/> at once; nothing new starts once cancelled. Performance
    /// (docs/performance.md): a few workers that each take the next index, rather than a task per
    /// index queued on a semaphore; 2,000 IDs make 2,000 waiters otherwise.
    /// </summary>
    private static async Task ForEachAsync(int count, int concurrency, Func<int, Task> work, CancellationToken cancellationToken)
    {
        var next = -1;
        async Task Worker()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await work(index).ConfigureAwait(false);
            }
        }
        var workers = new Task[Math.Min(concurrency, count)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Worker();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    /// <summary>
    /// How <paramref name="job"/> would be submitted to <paramref name="resource"/>: the version
    /// (<paramref name="apiVersion"/>, else the resource's), the path, and the body in the form
    /// that version takes, with a fresh <see cref="SubmissionTag"/> after the job's comment
    /// unless <paramref name="withoutTag"/>. Nothing is sent.
    /// </summary>
    public SubmitPlan PlanSubmission(string resource, SlurmJobDescription job, string? apiVersion, bool withStorage = false, bool withoutTag = false)
    {
        var v = Versions.For(resource, apiVersion);
        var path = S3mRoutes.Slurm(_transport.Options, v, resource, S3mRoutes.SlurmSubmit);
        var tag = withoutTag ? null : SubmissionTag.New();
        return new SubmitPlan(resource, v, path, job.ToSubmitJson(v, false, tag), job.ToSubmitJson(v, true, tag), withStorage, tag);
    }

    /// <summary>
    /// Submits what <paramref name="plan"/> says. Never re-sent: it could run twice. When the
    /// answer is lost after the request may have reached S3M, a tagged plan's job is looked for
    /// by its tag in the job list (<see cref="S3mClientOptions.SubmissionLookupTimes"/>): found,
    /// it is the answer (<see cref="SlurmSubmission.FoundByTag"/>); not found, the outcome stays
    /// unknown and the error names the tag (<see cref="S3mException.SubmissionTag"/>).
    /// </summary>
    public async Task<SlurmSubmission> SubmitAsync(SubmitPlan plan, CancellationToken cancellationToken)
    {
        var tag = plan.SubmissionTag;
        var request = new S3mRequest("POST", S3mRoutes.SlurmSubmit)
        {
            Body = plan.Body,
            Retriable = false,
            OutcomeCheck = tag == null
                ? $"The job may have been submitted: look for it in the job list of {plan.Resource} before submitting it again."
                : $"The job may have been submitted: look for its tag {tag} in the comments of {plan.Resource}'s jobs before submitting it again.",
        };
        if (plan.WithStorage)
        {
            request.Headers[WithStorageHeader] = "true";
        }

        JsonElement answer;
        try
        {
            answer = await SendAsync(plan.Resource, plan.ApiVersion, request, cancellationToken).ConfigureAwait(false);
        }
        catch (S3mException e) when (e.Kind == S3mErrorKind.OutcomeUnknown && tag != null)
        {
            return await FindByTagAsync(plan, tag, e, cancellationToken).ConfigureAwait(false);
        }

        // A success that names no job says nothing of whether Slurm made one: as good as lost.
        if (!(answer.Int("job_id") is { } jobId && jobId > 0))
        {
            var unread = new S3mException(S3mErrorKind.InvalidResponse, $"S3M answered POST {plan.Path} with success but named no job (no job_id).") { Method = "POST", Path = plan.Path };
            var lost = ErrorMapper.OutcomeUnknown(request, unread, "the answer named no job_id");
            if (tag == null)
            {
                throw lost;
            }

            return await FindByTagAsync(plan, tag, lost, cancellationToken).ConfigureAwait(false);
        }

        return new SlurmSubmission
        {
            Resource = plan.Resource,
            ApiVersion = plan.ApiVersion,
            JobId = jobId,
            StepId = answer.NonEmptyString("step_id"),
            Message = answer.NonEmptyString("job_submit_user_msg"),
            SubmissionTag = tag,
            Warnings = SlurmMeta.Warnings(answer).ToS3mList(),
            Raw = answer,
        };
    }

    /// <summary>
    /// The job a submission whose answer was lost (<paramref name="lost"/>) made, found by its
    /// tag in the resource's job list, read at each of the client's lookup times; never a second
    /// POST. Not found: <paramref name="lost"/>, with the tag and how to look again.
    /// </summary>
    private async Task<SlurmSubmission> FindByTagAsync(SubmitPlan plan, string tag, S3mException lost, CancellationToken cancellationToken)
    {
        var times = _transport.Options.SubmissionLookupTimes;
        var jobsPath = S3mRoutes.Slurm(_transport.Options, plan.ApiVersion, plan.Resource, S3mRoutes.SlurmJobs);
        S3mTrace.Write($"The answer to POST {plan.Path} was lost ({lost.LostAnswer ?? "no answer"}); looking for its tag {tag} in GET {jobsPath}, {times.Length} time(s) within {times[times.Length - 1].TotalSeconds:0.#} s. It is not sent again.");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        string? lookupFailed = null;
        try
        {
            for (var look = 0; look < times.Length; look++)
            {
                var wait = times[look] - watch.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                JsonElement list;
                try
                {
                    // One read per look, not retried: the lookup times are the retries.
                    list = await SendAsync(plan.Resource, plan.ApiVersion, new S3mRequest("GET", S3mRoutes.SlurmJobs), cancellationToken).ConfigureAwait(false);
                }
                catch (S3mException e)
                {
                    lookupFailed = e.Message;
                    S3mTrace.Write($"Look {look + 1} of {times.Length} for tag {tag} failed: {e.Message}");
                    continue;
                }
                // Only the jobs that carry the tag are read whole: the list may hold thousands.
                var now = DateTimeOffset.UtcNow;
                var found = list.Objects("jobs").Where(j => SubmissionTag.Carries(SlurmJob.CommentOf(j), tag))
                    .Select(j => SlurmJob.Read(j, plan.Resource, plan.ApiVersion, now)).OrderBy(j => j.JobId).ToArray();
                if (found.Length > 0)
                {
                    S3mTrace.Write($"Found job {found[0].JobId} on {plan.Resource} by its tag {tag} in GET {jobsPath} (look {look + 1} of {times.Length}, {watch.Elapsed.TotalSeconds:0.0} s after the answer was lost): submitted once.");
                    return new SlurmSubmission
                    {
                        Resource = plan.Resource,
                        ApiVersion = plan.ApiVersion,
                        JobId = found[0].JobId,
                        SubmissionTag = tag,
                        FoundByTag = true,
                        // Never expected: one POST makes one job. Said rather than hidden if it happens.
                        Warnings = found.Length == 1 ? S3mList<string>.Empty
                            : new[] { $"{found.Length} jobs on {plan.Resource} carry the tag {tag} ({string.Join(", ", found.Select(j => j.JobId))}); this is the first." }.ToS3mList(),
                        Raw = found[0].Raw,
                    };
                }

                S3mTrace.Write($"Look {look + 1} of {times.Length}: no job on {plan.Resource} carries the tag {tag} yet.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            S3mTrace.Stopped($"The answer to POST {plan.Path} was lost and the search for its job was stopped, so the job may have been submitted: it carries the tag {tag} in its comment. Look for that tag in the comments of {plan.Resource}'s jobs before submitting it again.");
            throw;
        }

        var error = lost.Restated(
            $"The answer to POST {plan.Path} was lost ({lost.LostAnswer ?? "no answer"}), so Slurm may have taken the job; it was not sent again. "
            + $"No job on {plan.Resource} carried its tag {tag} within {watch.Elapsed.TotalSeconds:0.#} s"
            + (lookupFailed == null ? "" : $" (the last look failed: {lookupFailed})")
            + $", but it may still appear: look for the tag in the comments of {plan.Resource}'s jobs before submitting it again.");
        error.SubmissionTag = tag;
        throw error;
    }

    /// <summary>
    /// Signals or cancels one job; per-job errors in <c>status[]</c> throw (an unknown job is
    /// NotFound). Returns Slurm's warnings, and a word of it when a cancel whose answer was lost
    /// was asked again and found the job already done.
    /// </summary>
    public async Task<IReadOnlyList<string>> CancelAsync(string resource, string? version, long jobId, string? signal, CancellationToken cancellationToken)
    {
        var v = Versions.For(resource, version);
        var tail = S3mRoutes.SlurmJob(jobId) + (signal == null ? "" : "?signal=" + Uri.EscapeDataString(CheckSignal(signal)));
        // Cancelling twice is harmless, so a lost answer may be retried: a 404, or Slurm's "already
        // completing or completed", then means the lost attempt did it (or the job ended just
        // before); a signal twice is not (USR1 or INT delivered twice does something twice).
        var request = new S3mRequest("DELETE", tail)
        {
            Retriable = signal == null,
            AlreadyDone = (status, answer) => status == 404 || SlurmMeta.SaysAlreadyDone(answer),
            OutcomeCheck = $"Look at job {jobId}'s state on {resource} before signalling it again.",
        };
        var answer = await ExchangeAsync(resource, v, request, cancellationToken).ConfigureAwait(false);
        var warnings = SlurmMeta.Warnings(answer.Body).ToList();
        if (answer.DoneEarlier != null)
        {
            warnings.Add($"The answer to cancelling job {jobId} on {resource} was lost ({answer.DoneEarlier}); asked again, {WhatTheRetryMet(answer)}: "
                + "the lost cancel did it, or the job ended on its own just before.");
            return warnings;
        }

        foreach (var error in KillErrors(answer.Body))
        {
            var code = error.Number("code");
            var path = S3mRoutes.Slurm(_transport.Options, v, resource, tail);
            // Slurm's words, bounded and on one line, as every server text in a message.
            var message = ErrorMapper.Clip(error.NonEmptyString("message"));
            throw new S3mException(SlurmMeta.KindOf(code),
                $"Slurm on {resource} could not signal job {jobId} (DELETE {path}): {message ?? ErrorMapper.Clip(error.NonEmptyString("string")) ?? "error " + code}")
            { Method = "DELETE", Path = path, StatusCode = answer.Status, ServerMessage = message };
        }

        return warnings;
    }

    /// <summary>The errors of a cancel's <c>status[]</c> (<c>{string, code, message}</c>) whose code is not 0.</summary>
    private static IEnumerable<JsonElement> KillErrors(JsonElement answer) =>
        answer.Objects("status")
            .Select(s => s.Field("error") ?? default)
            .Where(e => e.ValueKind == JsonValueKind.Object && e.Number("code") is long code && code != 0);

    /// <summary>What a cancel's retry met that showed the lost attempt's work done, in Slurm's words where it gave some.</summary>
    private static string WhatTheRetryMet(S3mAnswer answer)
    {
        var killError = KillErrors(answer.Body).FirstOrDefault();
        if (killError.ValueKind == JsonValueKind.Object)
        {
            return $"Slurm says \"{ErrorMapper.Clip(killError.NonEmptyString("string")) ?? "error " + killError.Number("code")}\" ({ErrorMapper.Clip(killError.NonEmptyString("message")) ?? "no message"})";
        }

        return SlurmMeta.ReadErrors(answer.Body) is { } errors ? $"Slurm says {errors.Text}" : $"S3M answered {answer.Status}";
    }

    public Task<SlurmResult<SlurmPartition[]>> GetPartitionsAsync(string resource, string? version, CancellationToken cancellationToken) =>
        ReadAsync(resource, version, S3mRoutes.SlurmPartitions, (answer, _) => answer.Objects("partitions").Select(p => SlurmPartition.Read(p, resource)).ToArray(), cancellationToken);

    public Task<SlurmResult<SlurmNode[]>> GetNodesAsync(string resource, string? version, CancellationToken cancellationToken) =>
        ReadAsync(resource, version, S3mRoutes.SlurmNodes, (answer, _) => answer.Objects("nodes").Select(n => SlurmNode.Read(n, resource)).ToArray(), cancellationToken);

    public Task<SlurmResult<SlurmReservation[]>> GetReservationsAsync(string resource, string? version, CancellationToken cancellationToken) =>
        ReadAsync(resource, version, S3mRoutes.SlurmReservations, (answer, _) => answer.Objects("reservations").Select(r => SlurmReservation.Read(r, resource)).ToArray(), cancellationToken);

    public Task<SlurmResult<SlurmDiagnostic>> GetDiagnosticsAsync(string resource, string? version, CancellationToken cancellationToken) =>
        ReadAsync(resource, version, S3mRoutes.SlurmDiagnostics, (answer, v) => SlurmDiagnostic.Read(answer, resource, v), cancellationToken);

    /// <summary>Signal names as kill(1) takes them: SIGTERM, TERM, 15.</summary>
    public static string CheckSignal(string signal)
    {
        var s = signal.Trim().ToUpperInvariant();
        if (s.Length == 0 || s.Length > 12 || !s.All(c => char.IsLetterOrDigit(c) || c == '+' || c == '-'))
        {
            throw S3mException.InvalidArgument("Signal", $"'{S3mRoutes.Printable(signal)}' is not a signal name or number such as SIGTERM, SIGKILL, SIGUSR1 or 9.");
        }

        return s.All(char.IsDigit) || s.StartsWith("SIG", StringComparison.Ordinal) ? s : "SIG" + s;
    }
}
