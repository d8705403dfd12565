using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using S3M.Transport;

namespace S3M.Slurm
{
    /// <summary>Slurm through S3M ("Slurm indirect"): one resource at a time, in the version it speaks.</summary>
    public sealed class SlurmClient
    {
        private const string WithStorageHeader = "x-s3m-withstorage";
        private readonly S3mTransport _transport;

        internal SlurmClient(S3mTransport transport) { _transport = transport; }

        public SlurmApiVersions Versions => _transport.Options.SlurmApiVersions;

        /// <summary>Any Slurm path of <paramref name="resource"/>; Slurm errors throw, warnings are reported.</summary>
        public async Task<JsonElement> InvokeAsync(string resource, string version, S3mRequest template, CancellationToken cancellationToken)
        {
            // The transport holds the final URI to this resource's place, whatever the tail says.
            var scope = S3mRoutes.SlurmScope(_transport.Options, version, resource);
            var request = template.At(scope + "/" + template.Path.TrimStart('/'), scope);
            var answer = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            SlurmMeta.Check(answer, request.Method, request.Path);
            return answer;
        }

        private Task<JsonElement> GetAsync(string resource, string version, string tail, CancellationToken cancellationToken) =>
            InvokeAsync(resource, version, S3mRequest.Get(tail), cancellationToken);

        public async Task<SlurmPing[]> PingAsync(string resource, string? version, CancellationToken cancellationToken)
        {
            var v = Versions.For(resource, version);
            var answer = await GetAsync(resource, v, S3mRoutes.SlurmPing, cancellationToken).ConfigureAwait(false);
            return answer.Objects("pings").Select(p => SlurmPing.Read(p, answer, resource, v)).ToArray();
        }

        /// <summary>The project's jobs on <paramref name="resource"/> (<c>GET /jobs</c>, controller shape).</summary>
        public async Task<SlurmJob[]> GetJobsAsync(string resource, string? version, CancellationToken cancellationToken)
        {
            var v = Versions.For(resource, version);
            var answer = await GetAsync(resource, v, S3mRoutes.SlurmJobs, cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            return answer.Objects("jobs").Select(j => SlurmJob.Read(j, resource, v, now)).ToArray();
        }

        /// <summary>One job (<c>GET /job/{id}</c>, accounting shape).</summary>
        public Task<SlurmJob> GetJobAsync(string resource, string? version, long jobId, CancellationToken cancellationToken) =>
            GetJobInVersionAsync(resource, Versions.For(resource, version), jobId, cancellationToken);

        private async Task<SlurmJob> GetJobInVersionAsync(string resource, string v, long jobId, CancellationToken cancellationToken)
        {
            var tail = S3mRoutes.SlurmJob(jobId);
            var answer = await GetAsync(resource, v, tail, cancellationToken).ConfigureAwait(false);
            var job = answer.Objects("jobs").FirstOrDefault(j => j.Number("job_id") == jobId);
            if (job.ValueKind != JsonValueKind.Object)
                throw new S3mException(S3mErrorKind.NotFound, $"Slurm on {resource} has no job {jobId}.")
                    { Method = "GET", Path = S3mRoutes.Slurm(_transport.Options, v, resource, tail), StatusCode = 200 };
            return SlurmJob.Read(job, resource, v, DateTimeOffset.UtcNow);
        }

        /// <summary>
        /// Many jobs by ID, concurrently but bounded, in the order asked. A job that fails is
        /// reported through <paramref name="onError"/> and the rest go on.
        /// </summary>
        public async Task GetJobsAsync(string resource, string? version, IReadOnlyList<long> jobIds,
            Action<int, SlurmJob> onJob, Action<int, long, S3mException> onError, CancellationToken cancellationToken)
        {
            var v = Versions.For(resource, version);
            // Performance (docs/performance.md): a few workers that each take the next index,
            // rather than a task per ID queued on a semaphore; 2,000 IDs make 2,000 waiters otherwise.
            var next = -1;
            async Task Worker()
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < jobIds.Count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var id = jobIds[index];
                    try { onJob(index, await GetJobInVersionAsync(resource, v, id, cancellationToken).ConfigureAwait(false)); }
                    catch (S3mException e) { onError(index, id, e); }
                }
            }
            var workers = new Task[Math.Min(_transport.Options.MaximumConcurrency, jobIds.Count)];
            for (var w = 0; w < workers.Length; w++) workers[w] = Worker();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        /// <summary>Submits a job body (as SlurmJobDescription builds it). Never re-sent: it could run twice.</summary>
        public async Task<SlurmSubmission> SubmitAsync(string resource, string version, string body, bool withStorage, CancellationToken cancellationToken)
        {
            var request = new S3mRequest("POST", S3mRoutes.SlurmSubmit)
            {
                Body = body,
                Retriable = false,
                OutcomeCheck = $"The job may have been submitted: look for it in the job list of {resource} (Get-S3mSlurmJob -Resource {resource}) before submitting it again.",
            };
            if (withStorage) request.Headers[WithStorageHeader] = "true";
            var warnings = new List<string>();
            JsonElement answer;
            using (CollectWarnings(warnings))
            {
                answer = await InvokeAsync(resource, version, request, cancellationToken).ConfigureAwait(false);
            }
            return new SlurmSubmission
            {
                Resource = resource,
                ApiVersion = version,
                JobId = answer.Int("job_id") ?? 0,
                StepId = answer.NonEmptyString("step_id"),
                Message = answer.NonEmptyString("job_submit_user_msg"),
                Warnings = warnings.ToArray(),
                Raw = answer,
            };
        }

        /// <summary>Signals or cancels one job; per-job errors in <c>status[]</c> throw.</summary>
        public async Task CancelAsync(string resource, string? version, long jobId, string? signal, CancellationToken cancellationToken)
        {
            var v = Versions.For(resource, version);
            var tail = S3mRoutes.SlurmJob(jobId) + (signal == null ? "" : "?signal=" + Uri.EscapeDataString(CheckSignal(signal)));
            // Cancelling twice is harmless, so a lost answer may be retried (a 404 then means the lost
            // attempt did it); a signal twice is not (USR1 or INT delivered twice does something twice).
            var request = new S3mRequest("DELETE", tail)
            {
                Retriable = signal == null,
                AlreadyDoneStatus = 404,
                OutcomeCheck = $"Look at the job's state (Get-S3mSlurmJob -Resource {resource} -JobId {jobId}) before signalling it again.",
            };
            var answer = await InvokeAsync(resource, v, request, cancellationToken).ConfigureAwait(false);
            foreach (var status in answer.Objects("status"))
            {
                var error = status.Field("error") ?? default;
                var code = error.ValueKind == JsonValueKind.Object ? error.Number("code") : null;
                if (code.HasValue && code.Value != 0)
                    throw new S3mException(S3mErrorKind.SlurmError,
                        $"Slurm on {resource} could not signal job {jobId}: {error.NonEmptyString("message") ?? error.NonEmptyString("string") ?? "error " + code}")
                    { Method = "DELETE", Path = S3mRoutes.Slurm(_transport.Options, v, resource, tail), StatusCode = 200, ServerMessage = error.NonEmptyString("message") };
            }
        }

        public async Task<SlurmPartition[]> GetPartitionsAsync(string resource, string? version, CancellationToken cancellationToken)
        {
            var answer = await GetAsync(resource, Versions.For(resource, version), S3mRoutes.SlurmPartitions, cancellationToken).ConfigureAwait(false);
            return answer.Objects("partitions").Select(p => SlurmPartition.Read(p, resource)).ToArray();
        }

        public async Task<SlurmNode[]> GetNodesAsync(string resource, string? version, CancellationToken cancellationToken)
        {
            var answer = await GetAsync(resource, Versions.For(resource, version), S3mRoutes.SlurmNodes, cancellationToken).ConfigureAwait(false);
            return answer.Objects("nodes").Select(n => SlurmNode.Read(n, resource)).ToArray();
        }

        public async Task<SlurmReservation[]> GetReservationsAsync(string resource, string? version, CancellationToken cancellationToken)
        {
            var answer = await GetAsync(resource, Versions.For(resource, version), S3mRoutes.SlurmReservations, cancellationToken).ConfigureAwait(false);
            return answer.Objects("reservations").Select(r => SlurmReservation.Read(r, resource)).ToArray();
        }

        public async Task<SlurmDiagnostic> GetDiagnosticsAsync(string resource, string? version, CancellationToken cancellationToken)
        {
            var v = Versions.For(resource, version);
            var answer = await GetAsync(resource, v, S3mRoutes.SlurmDiagnostics, cancellationToken).ConfigureAwait(false);
            return SlurmDiagnostic.Read(answer, resource, v);
        }

        /// <summary>Signal names as kill(1) takes them: SIGTERM, TERM, 15.</summary>
        public static string CheckSignal(string signal)
        {
            var s = signal.Trim().ToUpperInvariant();
            if (s.Length == 0 || s.Length > 12 || !s.All(c => char.IsLetterOrDigit(c) || c == '+' || c == '-'))
                throw S3mException.InvalidArgument("Signal", $"'{S3mRoutes.Printable(signal)}' is not a signal name or number such as SIGTERM, SIGKILL, SIGUSR1 or 9.");
            return s.All(char.IsDigit) || s.StartsWith("SIG", StringComparison.Ordinal) ? s : "SIG" + s;
        }

        private static IDisposable CollectWarnings(List<string> into) => S3mTrace.Tee(warning => { lock (into) into.Add(warning); });
    }
}
