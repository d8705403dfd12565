using System.Net;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>
/// Every answer the emulator gives, in every version, against the official slurmrestd document
/// of that version. <c>GET /job/{id}</c> is checked against slurmdbd's job schema
/// (<c>/slurmdb/v0.0.4x/job/{job_id}</c>), since S3M answers it from accounting. Skipped when the
/// documents are not beside the repository.
/// </summary>
public sealed class ContractTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private const string Missing = "the slurmrestd OpenAPI documents are not in ../shared/contracts/slurm (or $S3M_CONTRACTS_DIR)";

    [SkippableTheory]
    [InlineData("v0.0.42", "wombat")]
    [InlineData("v0.0.42", "defiant")]
    [InlineData("v0.0.43", "defiant")]
    [InlineData("v0.0.43", "odo")]
    [InlineData("v0.0.44", "odo")]
    public async Task EveryAnswerFitsTheOfficialSchemaOfItsVersion(string version, string resource)
    {
        Skip.IfNot(ContractFiles.Available, Missing);
        var contract = OpenApiContract.Load(ContractFiles.PathOf(version));
        var answers = await CollectAnswersAsync(version, resource);

        var problems = new List<string>();
        foreach (var (what, method, documentPath, answer) in answers)
        {
            // Slurm's refusals (404 for an unknown job, 500 for a job it will not run) are the
            // documents' "default" answer, whose schema is the 200's: the same envelope.
            var refused = answer.Status is HttpStatusCode.NotFound or HttpStatusCode.InternalServerError;
            Assert.True(answer.Status == HttpStatusCode.OK || (refused && answer.Json.GetProperty("errors").GetArrayLength() > 0), $"{what}: {answer.Text}");
            problems.AddRange(contract.Validate(answer.Json, contract.ResponseSchema(method, documentPath, refused ? "default" : "200"), what));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The states of several words were among the answers checked.
        foreach (var words in new[] { "[\"RUNNING\",\"COMPLETING\"]", "[\"CANCELLED\",\"COMPLETING\"]", "[\"PENDING\",\"REQUEUED\"]" })
        {
            Assert.Contains(answers, a => a.Answer.Text.Contains(words, StringComparison.Ordinal));
        }

        Assert.True(contract.Checked > 2000, $"only {contract.Checked} values checked");
    }

    [SkippableFact]
    public void TheDocumentsDescribeEveryPathTheEmulatorServes()
    {
        Skip.IfNot(ContractFiles.Available, Missing);
        foreach (var version in new[] { "v0.0.42", "v0.0.43", "v0.0.44" })
        {
            var contract = OpenApiContract.Load(ContractFiles.PathOf(version));
            foreach (var (method, path) in DocumentPaths(version))
            {
                Assert.Equal(System.Text.Json.JsonValueKind.Object, contract.ResponseSchema(method, path).ValueKind);
                // An error answer ("default") has the same envelope as a 200: errors[] is read whatever the status.
                Assert.Equal(contract.ResponseSchema(method, path).GetRawText(), contract.ResponseSchema(method, path, "default").GetRawText());
            }
        }
    }

    private static IEnumerable<(string Method, string Path)> DocumentPaths(string v) =>
    [
        ("get", $"/slurm/{v}/ping/"), ("get", $"/slurm/{v}/partitions/"), ("get", $"/slurm/{v}/nodes/"),
        ("get", $"/slurm/{v}/reservations/"), ("get", $"/slurm/{v}/diag/"), ("get", $"/slurm/{v}/jobs/"),
        ("get", $"/slurmdb/{v}/job/{{job_id}}"), ("post", $"/slurm/{v}/job/submit"), ("delete", $"/slurm/{v}/job/{{job_id}}"),
    ];

    /// <summary>Answers of every kind, with jobs in every state the scheduler reaches.</summary>
    private async Task<List<(string What, string Method, string DocumentPath, Answer Answer)>> CollectAnswersAsync(string v, string r)
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        var answers = new List<(string, string, string, Answer)>();

        async Task Read(string tail, string documentTail)
        {
            var method = "get";
            var documentPath = documentTail.StartsWith("/slurmdb", StringComparison.Ordinal) ? documentTail : $"/slurm/{v}/{documentTail}";
            answers.Add(($"GET {tail} ({answers.Count})", method, documentPath, await Http.FetchAsync(SlurmCalls.Path(v, r, tail), token)));
        }

        async Task<int> Submit(System.Text.Json.Nodes.JsonObject job)
        {
            var answer = await Http.SubmitAsync(token, v, r, SlurmCalls.JobForm(job));
            answers.Add(($"POST job/submit ({answers.Count})", "post", $"/slurm/{v}/job/submit", answer));
            return answer.Json.TryGetProperty("job_id", out var id) ? id.GetInt32() : 0;
        }

        async Task Cancel(int id, string query)
        {
            answers.Add(($"DELETE job/{id}{query}", "delete", $"/slurm/{v}/job/{{job_id}}", await Http.CancelAsync(token, v, r, id, query)));
        }

        async Task ReadAll(params int[] ids)
        {
            await Read("jobs", "jobs/");
            foreach (var id in ids)
            {
                await Read($"job/{id}", $"/slurmdb/{v}/job/{{job_id}}");
            }
        }

        // Long enough COMPLETING and REQUEUED phases that the reads below meet them whatever the machine's pace.
        await Http.SetSchedulerAsync(new { completingSeconds = 3, requeueSeconds = 3 });
        var big = await Submit(SlurmCalls.Job("#!/bin/bash\nsleep 100\n")
            .With("nodes", "2").With("memory_per_node", SlurmCalls.Wrapped(4096)).With("memory_per_cpu", SlurmCalls.Wrapped("64"))
            .With("comment", "contract").With("time_limit", SlurmCalls.Wrapped(10)).With("tasks", 4).With("cpus_per_task", 2)
            .With("qos", "normal").With("reservation", "training").With("standard_input", "in.txt"));
        var failing = await Submit(SlurmCalls.Job("#!/bin/bash\nsleep 1\nexit 3\n"));
        var timeout = await Submit(SlurmCalls.Job("#!/bin/bash\nsleep 600\n").With("time_limit", SlurmCalls.Wrapped(1)));
        var plain = await Submit(SlurmCalls.Job());
        var early = await Submit(SlurmCalls.Job());
        var held = await Submit(SlurmCalls.Job().With("begin_time", SlurmCalls.Wrapped(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds())));
        var ending = await Submit(SlurmCalls.Job("#!/bin/bash\nsleep 4\n"));
        var requeued = await Submit(SlurmCalls.Job("#!/bin/bash\nscontrol requeue $SLURM_JOB_ID\nsleep 1\n"));
        await Submit(SlurmCalls.Job().With("partition", "nosuch"));
        await Submit(SlurmCalls.Job().Without("environment"));

        await ReadAll(big, held);
        await Read("nodes", "nodes/");
        await Read("diag", "diag/");
        await Cancel(early, "");
        await Cancel(plain, "?signal=SIGUSR1");

        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(2));
        await ReadAll(big, failing, early, requeued);
        await Read("nodes", "nodes/");
        await Cancel(plain, "?signal=SIGUSR2");

        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        await Cancel(big, "?signal=SIGKILL&flags=FULL_JOB,VERBOSE");
        await ReadAll(big, failing, plain, ending);

        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(60));
        await ReadAll(timeout, 999_999);
        await Cancel(timeout, "");
        await Cancel(999_999, "");
        foreach (var tail in new[] { "ping", "partitions", "nodes", "reservations", "diag" })
        {
            await Read(tail, tail + "/");
        }

        // The other forms /_emulator/dialect offers must fit the documents too.
        await Http.SetDialectAsync(new { zeroFields = "write", ping = "pingedOnly" });
        foreach (var tail in new[] { "ping", "partitions", "nodes", "reservations", "diag" })
        {
            await Read(tail, tail + "/");
        }

        await ReadAll(big, held);
        await Http.SetDialectAsync(new { zeroFields = "omit", accountingJob = "minimal" });
        await ReadAll(big, held);

        return answers;
    }
}
