using System.Text.Json;
using S3M.Slurm;
using static S3M.Client.Tests.Slurm.Submit.SubmitKit;

namespace S3M.Client.Tests.Slurm.Submit;

/// <summary>
/// Every body the builder writes, checked against the official slurmrestd document of each
/// version: keys that exist, types that match. Skipped, never passed, when the documents are absent.
/// </summary>
public class ContractTests
{
    public static TheoryData<string> Versions => new() { "v0.0.42", "v0.0.43", "v0.0.44" };

    /// <summary>A value for every accepted field; a new field without one fails the coverage test.</summary>
    private static readonly Dictionary<string, object> Samples = new()
    {
        ["account"] = "stf042",
        ["begin_time"] = 1790000000L,
        ["comment"] = "c",
        ["environment"] = new[] { "A=1", "B=2" },
        ["licenses"] = "fs:1",
        ["name"] = "n",
        ["tasks"] = 4,
        ["partition"] = "batch",
        ["distribution_plane_size"] = 2,
        ["priority"] = 10,
        ["qos"] = "normal",
        ["reservation"] = "r",
        ["script"] = "#!/bin/bash\ntrue\n",
        ["time_limit"] = 30,
        ["time_minimum"] = 10,
        ["wait_all_nodes"] = true,
        ["current_working_directory"] = "/tmp",
        ["cpus_per_task"] = 2,
        ["minimum_cpus"] = 4,
        ["maximum_cpus"] = 8,
        ["nodes"] = "1-2",
        ["minimum_nodes"] = 1,
        ["maximum_nodes"] = 2,
        ["minimum_boards_per_node"] = 1,
        ["minimum_sockets_per_board"] = 1,
        ["sockets_per_node"] = 2,
        ["threads_per_core"] = 1,
        ["tasks_per_node"] = 2,
        ["tasks_per_socket"] = 1,
        ["tasks_per_core"] = 1,
        ["tasks_per_board"] = 1,
        ["ntasks_per_tres"] = 1,
        ["minimum_cpus_per_node"] = 2,
        ["memory_per_cpu"] = "1G",
        ["memory_per_node"] = "4G",
        ["standard_input"] = "in",
        ["standard_output"] = "out",
        ["standard_error"] = "err",
    };

    /// <summary>Descriptions that between them write every field the builder can write, at ordinary and at largest values.</summary>
    private static IEnumerable<SlurmJobDescription> Descriptions()
    {
        // Slurm takes one memory form, so one description per form.
        foreach (var memory in new[] { "memory_per_cpu", "memory_per_node" })
        {
            var all = new SlurmJobDescription(Clock);
            foreach (var (field, value) in Samples.Where(s => !s.Key.StartsWith("memory_per_") || s.Key == memory))
            {
                all.Set(field, value, "Property");
            }

            yield return all;

            var largest = new SlurmJobDescription(Clock);
            foreach (var field in SlurmJobDescription.AcceptedFields.Where(f => f != "script" && f != "environment" && f != "wait_all_nodes" && f != "nodes"))
            {
                object value = field switch
                {
                    "distribution_plane_size" => 65533,
                    "begin_time" or "memory_per_cpu" or "memory_per_node" => long.MaxValue,
                    _ when Samples[field] is string => new string('x', 100),
                    _ => int.MaxValue,
                };
                if (!field.StartsWith("memory_per_") || field == memory)
                {
                    largest.Set(field, value, "Property");
                }
            }
            largest.Set("script", "#!/bin/bash\n", "Script");
            yield return largest;
        }

        var unlimited = new SlurmJobDescription(Clock);
        unlimited.Set("time_limit", "UNLIMITED", "TimeLimit");
        unlimited.Set("time_minimum", "INFINITE", "Property");
        unlimited.Set("script", "#!/bin/bash\n", "Script");
        yield return unlimited;

        yield return Parse(Script("-J hello -A stf042 -p batch -N 2-4 -n 8 -c 2 -t 1:00:00 --mem=8G",
            "-o out.%j -e err.%j -D /tmp --export=OMP_NUM_THREADS=2 --begin=now+1hour --wait-all-nodes=1"));
        yield return Parse(Script("--mem-per-cpu=2G --ntasks-per-node=4 --threads-per-core=1 --priority=5 -q debug --reservation=r -L fs:1 --comment=c --time-min=10"));
        yield return Parse("#!/bin/bash\nhostname\n");
    }

    private static IEnumerable<JsonElement> Bodies(string version)
    {
        foreach (var job in Descriptions())
        {
            yield return JsonDocument.Parse(job.ToSubmitJson(version, SubmitForm.Job)).RootElement.Clone();
            if (version == "v0.0.44")
            {
                yield return JsonDocument.Parse(job.ToSubmitJson(version, SubmitForm.Jobs)).RootElement.Clone();
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Accepted_fields_exist_in_job_desc_msg(string version)
    {
        Skip.IfNot(SlurmContracts.Has(version), SlurmContracts.SkipReason(version));
        var properties = SlurmContracts.Schemas(version).GetProperty(version + "_job_desc_msg").GetProperty("properties");
        var missing = SlurmJobDescription.AcceptedFields.Where(f => !properties.TryGetProperty(f, out _)).ToArray();
        Assert.Empty(missing);
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Every_body_matches_job_submit_req(string version)
    {
        Skip.IfNot(SlurmContracts.Has(version), SlurmContracts.SkipReason(version));
        var schemas = SlurmContracts.Schemas(version);
        var request = schemas.GetProperty(version + "_job_submit_req");
        foreach (var body in Bodies(version))
        {
            Assert.Equal(Array.Empty<string>(), SlurmContracts.Problems(body, request, schemas));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Jobs_are_written_only_with_accepted_fields_and_every_writable_field_is_covered(string version)
    {
        Skip.IfNot(SlurmContracts.Has(version), SlurmContracts.SkipReason(version));
        var written = new HashSet<string>();
        foreach (var body in Bodies(version))
        {
            var job = body.TryGetProperty("job", out var single) ? single : body.GetProperty("jobs")[0];
            foreach (var property in job.EnumerateObject())
            {
                written.Add(property.Name);
            }
        }
        Assert.Subset(SlurmJobDescription.AcceptedFields.ToHashSet(), written);
        // "nodes" is stored as minimum_nodes/maximum_nodes; every other accepted field reaches a body.
        Assert.Equal(SlurmJobDescription.AcceptedFields.Where(f => f != "nodes").OrderBy(f => f), written.OrderBy(f => f));
        Assert.Equal(Samples.Keys.OrderBy(f => f), SlurmJobDescription.AcceptedFields.OrderBy(f => f));
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void The_checker_catches_what_the_schema_forbids(string version)
    {
        Skip.IfNot(SlurmContracts.Has(version), SlurmContracts.SkipReason(version));
        var schemas = SlurmContracts.Schemas(version);
        var request = schemas.GetProperty(version + "_job_submit_req");
        var bad = JsonDocument.Parse("""
            {"job":{"gres":"gpu:1","tasks":"4","time_limit":{"set":true,"number":2147483648,"flag":1},"environment":"A=1","wait_all_nodes":1},"extra":1}
            """).RootElement;
        Assert.Equal(new[]
        {
            "$.job.gres: not in the schema",
            "$.job.tasks: String, not an integer",
            "$.job.time_limit.number: 2147483648 does not fit int32",
            "$.job.time_limit.flag: not in the schema",
            "$.job.environment: String, not an array",
            "$.job.wait_all_nodes: Number, not a boolean",
            "$.extra: not in the schema",
        }, SlurmContracts.Problems(bad, request, schemas));
    }
}
