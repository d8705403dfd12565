using S3M.Slurm;
using S3M.Streaming;
using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Faults;

/// <summary>
/// Submit and provision are never re-sent: the emulator's log shows exactly one POST whatever
/// went wrong. When the answer is lost after the request may have reached S3M (a connection
/// closed after sending, a timeout, a 502 or 504), a submission's job is looked for by its tag in
/// the job list, and a provision's cluster by name; found, it is the answer, else the call ends in
/// S3M.OutcomeUnknown saying how to check. A failure that is an answer (4xx, 503) or certainly
/// never left (connection refused) stays what it is.
/// </summary>
public class NonIdempotentFaultTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Resource = "defiant";
    private const string Version = "v0.0.43";
    private readonly EmulatorFixture _emu;

    public NonIdempotentFaultTests(EmulatorFixture emu) { _emu = emu; }

    public async Task InitializeAsync()
    {
        await _emu.Reset();
        await _emu.SetScheduler(new { pendingSeconds = 0, defaultRunSeconds = 60 });
        await _emu.SetStreamingReadySeconds(0);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private (S3mClient Client, string SubmitPath) SlurmClient(int retries = 4)
    {
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, retries: retries, timeout: ClientTimeout);
        return (client, S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmSubmit));
    }

    private (S3mClient Client, string ProvisionPath) StreamingClient(int retries = 4)
    {
        var (client, _) = _emu.Connect(scopes: new[] { "data-streaming" }, retries: retries, timeout: ClientTimeout);
        return (client, S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingProvision("redis")));
    }

    private static ProvisionRequest Provision(string name) =>
        new() { Engine = StreamingEngine.Redis, Name = name, Kind = "general" };

    // Lookups close together, so a job that is never found is given up on soon.
    private static readonly TimeSpan[] QuickLookups = { TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500) };

    private static SubmitPlan Plan(S3mClient client, bool withoutTag = false) =>
        client.Slurm.PlanSubmission(Resource, Job(), Version, withoutTag: withoutTag);

    private async Task<SlurmJob[]> JobsNamedOnce() =>
        (await SlurmClient().Client.Slurm.GetJobsAsync(Resource, Version, default)).Value.Where(j => j.Name == "once").ToArray();

    /// <summary>Slurm took the job, then its answer was lost in each of these ways (a timeout: no answer within 2 s).</summary>
    public static readonly TheoryData<string, int?, int> LostAfterSlurmTookIt = new()
    {
        { "resetAfter", null, 0 },
        { "statusAfter", 502, 0 },
        { "statusAfter", 504, 0 },
        { "resetAfter", null, 20_000 },
    };

    [Theory]
    [MemberData(nameof(LostAfterSlurmTookIt))]
    public async Task A_submit_whose_answer_is_lost_after_Slurm_took_it_is_found_by_its_tag_and_sent_once(string mode, int? status, int latencyMs)
    {
        var (client, path) = latencyMs > 0 ? (_emu.Connect(scopes: new[] { "compute-ace" }, timeout: TimeSpan.FromSeconds(2)).Client, SlurmClient().SubmitPath) : SlurmClient();
        await _emu.AddFault(status is { } code ? new { path, method = "POST", mode, status = code, latencyMs, count = 5 } : (object)new { path, method = "POST", mode, latencyMs, count = 5 });
        var plan = Plan(client);
        var verbose = new List<string>();

        SlurmSubmission submission;
        using (S3mTrace.Begin(verbose.Add))
        {
            (submission, _) = await Timed(() => client.Slurm.SubmitAsync(plan, default));
        }

        var queued = Assert.Single(await JobsNamedOnce());
        Assert.Equal(queued.JobId, submission.JobId);
        Assert.True(submission.FoundByTag);
        Assert.Equal(plan.SubmissionTag, submission.SubmissionTag);
        Assert.Equal(plan.SubmissionTag, queued.Comment);
        Assert.Equal(queued.JobId, submission.Raw.GetProperty("job_id").GetInt32());
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.Contains(verbose, v => v.StartsWith($"Found job {queued.JobId} on {Resource} by its tag {plan.SubmissionTag} in GET ", StringComparison.Ordinal) && v.Contains("submitted once"));
        var log = (await _emu.Requests()).Select(r => r.GetProperty("method").GetString() + " " + r.GetProperty("path").GetString()).ToList();
        Assert.True(log.IndexOf("GET " + S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmJobs)) > log.IndexOf("POST " + path), string.Join(" | ", log));
    }

    /// <summary>The answer was lost before Slurm took the job (no handler ran): nothing to find, and the tag is handed over.</summary>
    [Theory]
    [InlineData("reset", null)]
    [InlineData("status", 502)]
    [InlineData("status", 504)]
    [InlineData("truncate", null)]
    public async Task A_submit_whose_answer_is_lost_before_Slurm_took_it_has_an_unknown_outcome_naming_its_tag(string mode, int? status)
    {
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, timeout: ClientTimeout, submissionLookupTimes: QuickLookups);
        var path = S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmSubmit);
        await _emu.AddFault(mode == "truncate" ? new { path, method = "POST", mode, body = """{"job_id":4200,"step_id":"batch"}""", count = 5 }
            : status is { } code ? new { path, method = "POST", mode, status = code, count = 5 } : (object)new { path, method = "POST", mode, count = 5 });
        var plan = Plan(client);

        var (e, _) = await Fails(() => client.Slurm.SubmitAsync(plan, default));

        AssertClear(e, S3mErrorKind.OutcomeUnknown, "POST", path, status);
        Assert.Equal(plan.SubmissionTag, e.SubmissionTag);
        Assert.StartsWith($"The answer to POST {path} was lost (", e.Message);
        Assert.Contains("it was not sent again", e.Message);
        Assert.Contains($"No job on {Resource} carried its tag {plan.SubmissionTag} within ", e.Message);
        Assert.EndsWith($"look for the tag in the comments of {Resource}'s jobs before submitting it again.", e.Message);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.Equal(QuickLookups.Length, await _emu.CountLogged("GET", S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmJobs)));
        Assert.Empty(await JobsNamedOnce());
    }

    [Fact]
    public async Task A_submit_whose_lookups_fail_too_says_so_and_names_its_tag()
    {
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, timeout: ClientTimeout, submissionLookupTimes: QuickLookups);
        var path = S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmSubmit);
        var jobs = S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmJobs);
        await _emu.AddFault(new { path, method = "POST", mode = "reset" });
        await _emu.AddFault(new { path = jobs, method = "GET", status = 503, count = 10 });
        var plan = Plan(client);

        var (e, _) = await Fails(() => client.Slurm.SubmitAsync(plan, default));

        Assert.Equal(S3mErrorKind.OutcomeUnknown, e.Kind);
        Assert.Equal(plan.SubmissionTag, e.SubmissionTag);
        Assert.Contains("(the last look failed: S3M answered 503", e.Message);
        // Each look is one read: the lookup times are its retries.
        Assert.Equal(QuickLookups.Length, await _emu.CountLogged("GET", jobs));
        Assert.Equal(1, await _emu.CountLogged("POST", path));
    }

    [Fact]
    public async Task A_submit_without_a_tag_whose_answer_is_lost_is_plainly_unknown_and_not_looked_for()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", mode = "resetAfter", count = 5 });
        var plan = Plan(client, withoutTag: true);

        var (e, _) = await Fails(() => client.Slurm.SubmitAsync(plan, default));

        AssertClear(e, S3mErrorKind.OutcomeUnknown, "POST", path, null);
        Assert.Null(plan.SubmissionTag);
        Assert.Null(e.SubmissionTag);
        Assert.Contains("the connection was lost after the request was sent", e.Message);
        Assert.Contains($"look for it in the job list of {Resource} before submitting it again", e.Message);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.Equal(0, await _emu.CountLogged("GET", S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmJobs)));
        // It did reach Slurm, untagged: a re-send would have made a second job.
        Assert.Null(Assert.Single(await JobsNamedOnce()).Comment);
    }

    [Fact]
    public async Task A_submit_stopped_while_its_job_is_looked_for_tells_the_stopped_sink_its_tag()
    {
        var slow = new[] { TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60) };
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, timeout: ClientTimeout, submissionLookupTimes: slow);
        var path = S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmSubmit);
        await _emu.AddFault(new { path, method = "POST", status = 502 });
        var plan = Plan(client);
        var stopped = new List<string>();
        using var cts = new CancellationTokenSource();

        // Ctrl+C as soon as the first look found nothing: the search waits for the second.
        using (S3mTrace.Begin(v => { if (v.StartsWith("Look 1 of 3", StringComparison.Ordinal)) { cts.Cancel(); } }, stopped.Add))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Slurm.SubmitAsync(plan, cts.Token).WaitAsync(HardLimit));
        }

        var notice = Assert.Single(stopped);
        Assert.StartsWith($"The answer to POST {path} was lost and the search for its job was stopped", notice);
        Assert.Contains($"it carries the tag {plan.SubmissionTag} in its comment", notice);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
    }

    [Fact]
    public async Task A_submission_keeps_the_users_comment_whole_before_its_tag_in_both_job_shapes()
    {
        var (client, _) = SlurmClient();
        var job = Job();
        const string comment = "calibration run (2 of 3) * [x] ? é";
        job.Set("comment", comment, "Comment");
        var plan = client.Slurm.PlanSubmission(Resource, job, Version);

        var submission = await client.Slurm.SubmitAsync(plan, default);

        Assert.Matches("^s3m:[0-9a-f]{16}$", plan.SubmissionTag);
        Assert.Equal(plan.SubmissionTag, submission.SubmissionTag);
        Assert.False(submission.FoundByTag);
        Assert.Contains($"\"comment\":\"{comment} {plan.SubmissionTag}\"", plan.Body);
        Assert.Contains(plan.SubmissionTag!, plan.ShownBody);
        Assert.Equal(comment, job.Comment);
        Assert.Equal($"{comment} {plan.SubmissionTag}", Assert.Single(await JobsNamedOnce()).Comment);
        Assert.Equal($"{comment} {plan.SubmissionTag}", (await client.Slurm.GetJobAsync(Resource, Version, submission.JobId, default)).Value.Comment);
        Assert.NotEqual(plan.SubmissionTag, client.Slurm.PlanSubmission(Resource, job, Version).SubmissionTag);
    }

    [Fact]
    public void A_comment_with_no_room_for_the_tag_is_refused_before_sending()
    {
        var (client, _) = SlurmClient();
        var job = Job();
        job.Set("comment", new string('c', SubmissionTag.MaxCommentBytes - 20), "Comment");

        var e = Assert.Throws<S3mException>(() => client.Slurm.PlanSubmission(Resource, job, Version));

        Assert.Equal(S3mErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("Comment", e.ParameterName);
        Assert.Contains("1004 bytes; with the submission tag (21 bytes more) it would pass the 1024 bytes Slurm takes", e.Message);
        // Without the tag it is the user's comment as given: Slurm's to judge.
        Assert.Null(client.Slurm.PlanSubmission(Resource, job, Version, withoutTag: true).SubmissionTag);
        job.Set("comment", new string('c', SubmissionTag.MaxCommentBytes - 21), "Comment");
        Assert.NotNull(client.Slurm.PlanSubmission(Resource, job, Version).SubmissionTag);
    }

    [Fact]
    public async Task A_submit_answered_503_is_sent_once_and_stays_unavailable()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", status = 503, count = 5 });

        var (e, _) = await Fails(() => Submit(client, Resource, Version));

        AssertClear(e, S3mErrorKind.Unavailable, "POST", path, 503);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.Empty((await client.Slurm.GetJobsAsync(Resource, Version, default)).Value);
    }

    [Fact]
    public async Task A_submit_refused_with_400_stays_an_invalid_argument()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", status = 400, count = 5 });

        var (e, _) = await Fails(() => Submit(client, Resource, Version));

        AssertClear(e, S3mErrorKind.InvalidArgument, "POST", path, 400);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
    }

    [Fact]
    public async Task A_submit_whose_connection_is_refused_never_left_and_stays_a_transport_error()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var client = _emu.NewClient(EmulatorFixture.Secure("t"), retries: 3, timeout: ClientTimeout, baseUri: new Uri($"http://127.0.0.1:{port}"));
        var path = S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmSubmit);

        var (e, _) = await Fails(() => Submit(client, Resource, Version));

        AssertClear(e, S3mErrorKind.Transport, "POST", path, null);
        Assert.Null(e.LostAnswer);
    }

    private string LookupPath(S3mClient client, string name) => S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", name));

    [Fact]
    public async Task A_provision_whose_answer_is_lost_is_found_by_name_not_sent_again()
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", mode = "resetAfter", count = 5 });

        var (cluster, elapsed) = await Timed(() => client.Streaming.ProvisionAsync(Provision("lostanswer"), default));

        Assert.Equal("lostanswer", cluster.Name);
        Assert.Equal(StreamingEngine.Redis, cluster.Engine);
        Assert.NotNull(cluster.Username);
        Assert.NotNull(cluster.Password);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
        Assert.Contains(cluster.Warnings, w => w.Contains("was lost, but S3M has the cluster; it was not provisioned twice"));
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        var log = (await _emu.Requests()).Select(r => r.GetProperty("method").GetString() + " " + r.GetProperty("path").GetString()).ToList();
        Assert.True(log.IndexOf("GET " + LookupPath(client, "lostanswer")) > log.IndexOf("POST " + path), string.Join(" | ", log));
        var clusters = await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default);
        Assert.Single(clusters, c => c.Name == "lostanswer");
    }

    [Fact]
    public async Task A_provision_answered_503_is_sent_once_not_looked_up_and_stays_unavailable()
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", status = 503, count = 5 });

        var (e, _) = await Fails(() => client.Streaming.ProvisionAsync(Provision("neverthere"), default));

        AssertClear(e, S3mErrorKind.Unavailable, "POST", path, 503);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        // A 503 is an answer: S3M did not take it, so there is nothing to look for.
        Assert.Equal(0, await _emu.CountLogged("GET", LookupPath(client, "neverthere")));
        Assert.DoesNotContain(await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default), c => c.Name == "neverthere");
    }

    [Theory]
    [InlineData("reset", null)]
    [InlineData("status", 502)]
    [InlineData("status", 504)]
    public async Task A_provision_whose_answer_is_lost_and_that_is_not_found_has_an_unknown_outcome(string mode, int? status)
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(status is { } code ? new { path, method = "POST", mode, status = code, count = 5 } : (object)new { path, method = "POST", mode, count = 5 });

        var (e, _) = await Fails(() => client.Streaming.ProvisionAsync(Provision("notmade"), default));

        AssertClear(e, S3mErrorKind.OutcomeUnknown, "POST", path, status);
        Assert.Contains("The Redis cluster notmade may exist: look it up by name", e.Message);
        Assert.EndsWith("A look-up by name just after did not find it, but it may still appear.", e.Message);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.Equal(1, await _emu.CountLogged("GET", LookupPath(client, "notmade")));
    }

    [Fact]
    public async Task A_provision_past_the_timeout_is_sent_once_and_looked_up()
    {
        var (_, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", latencyMs = 20_000, count = 5 });
        var client = _emu.NewClient(EmulatorFixture.Secure(_emu.Emulator.MintToken("stf042", new[] { "data-streaming" }).Token), retries: 3, timeout: TimeSpan.FromMilliseconds(500));

        var (e, elapsed) = await Fails(() => client.Streaming.ProvisionAsync(Provision("tooslow"), default));

        AssertClear(e, S3mErrorKind.OutcomeUnknown, "POST", path, null);
        Assert.Contains("no answer within 0.5 s", e.Message);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        var log = (await _emu.Requests()).Select(r => r.GetProperty("method").GetString() + " " + r.GetProperty("path").GetString()).ToList();
        Assert.Equal(new[] { "POST " + path, "GET " + LookupPath(client, "tooslow") }, log);
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
    }
}
