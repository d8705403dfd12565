using System.Collections;
using S3M.Transport;
using static S3M.Client.Tests.Slurm.Submit.SubmitKit;

namespace S3M.Client.Tests.Slurm.Submit;

public class SlurmJobDescriptionTests
{
    private static SlurmJobDescription Job() => new(Clock);

    [Fact]
    public void Accepted_fields_are_exactly_the_contracts_list()
    {
        // s3m-api.md, "Compute": the gateway accepts only these job fields.
        var contract = "account begin_time comment environment licenses name tasks partition distribution_plane_size priority qos " +
                       "reservation script time_limit time_minimum wait_all_nodes current_working_directory cpus_per_task minimum_cpus " +
                       "maximum_cpus nodes minimum_nodes maximum_nodes minimum_boards_per_node minimum_sockets_per_board sockets_per_node " +
                       "threads_per_core tasks_per_node tasks_per_socket tasks_per_core tasks_per_board ntasks_per_tres minimum_cpus_per_node " +
                       "memory_per_cpu memory_per_node standard_input standard_output standard_error";
        Assert.Equal(contract.Split(' '), SlurmJobDescription.AcceptedFields);
    }

    [Fact]
    public void Supported_versions_cannot_be_changed_from_outside()
    {
        SlurmJobDescription.SupportedApiVersions[0] = "v9";
        Assert.Equal(new[] { "v0.0.42", "v0.0.43", "v0.0.44" }, SlurmJobDescription.SupportedApiVersions);
    }

    /// <summary>(wire name, value given, what Fields then holds as SubmitKit.Render writes it)</summary>
    public static TheoryData<string, object, string> Settable => new()
    {
        { "account", "stf042", "account=stf042" },
        { "Account", "stf042", "account=stf042" },
        { "tasks", 4, "tasks=4" },
        { "tasks", 4L, "tasks=4" },
        { "tasks", 4.0, "tasks=4" },
        { "tasks", "4", "tasks=4" },
        { "tasks", 0, "tasks=0" },
        { "tasks", int.MaxValue, "tasks=2147483647" },
        { "cpus_per_task", (byte)2, "cpus_per_task=2" },
        { "time_limit", 90, "time_limit=90" },
        { "time_limit", "1:30:00", "time_limit=90" },
        { "time_limit", TimeSpan.FromMinutes(90.5), "time_limit=91" },
        { "time_limit", TimeSpan.MaxValue, "time_limit=UNLIMITED" },
        { "time_limit", SlurmUnlimited.Value, "time_limit=UNLIMITED" },
        { "time_minimum", "UNLIMITED", "time_minimum=UNLIMITED" },
        { "memory_per_node", "4G", "memory_per_node=4096" },
        { "memory_per_node", 100, "memory_per_node=100" },
        { "memory_per_cpu", 8L * 1024 * 1024 * 1024 * 1024, "memory_per_cpu=8796093022208" },
        { "begin_time", 1790000000L, "begin_time=1790000000" },
        { "begin_time", "now+1hour", $"begin_time={Now.ToUnixTimeSeconds() + 3600}" },
        { "begin_time", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), $"begin_time={Unix(2026, 12, 1, 10)}" },
        { "priority", 5, "priority=5" },
        { "distribution_plane_size", 65533, "distribution_plane_size=65533" },
        { "wait_all_nodes", true, "wait_all_nodes=true" },
        { "wait_all_nodes", 0, "wait_all_nodes=false" },
        { "wait_all_nodes", "1", "wait_all_nodes=true" },
        { "wait_all_nodes", "False", "wait_all_nodes=false" },
        { "nodes", "2-4", "minimum_nodes=2; maximum_nodes=4" },
        { "nodes", 3, "minimum_nodes=3; maximum_nodes=3" },
        { "minimum_nodes", 0, "minimum_nodes=0" },
        { "environment", new[] { "A=1", "B=x=y" }, "environment=A=1|B=x=y" },
        { "environment", "A=1", "environment=A=1" },
        { "environment", new[] { "A=1", "B=2", "A=3" }, "environment=A=3|B=2" },
        { "environment", new Hashtable { ["ZED"] = "1", ["ALPHA"] = 2 }, "environment=ALPHA=2|ZED=1" },
        { "standard_output", "", "standard_output=" },
    };

    [Theory]
    [MemberData(nameof(Settable))]
    public void Set_converts_values_to_what_the_body_holds(string field, object value, string expected)
    {
        var job = Job();
        job.Set(field, value, "Property");
        Assert.Equal(expected, Render(job));
    }

    /// <summary>(wire name, value given, a piece of the error)</summary>
    public static TheoryData<string, object, string> Unsettable => new()
    {
        { "tasks", -1, "'-1' is not a whole number from 0 to 2147483647" },
        { "tasks", 2147483648L, "from 0 to 2147483647" },
        { "tasks", 1.5, "not a whole number" },
        { "tasks", "four", "not a whole number" },
        { "tasks", "99999999999999999999", "too large" },
        { "tasks", true, "takes a whole number, not Boolean" },
        { "tasks", ulong.MaxValue, "too large" },
        { "tasks", double.NaN, "not a whole number" },
        { "tasks", double.PositiveInfinity, "not a whole number" },
        { "tasks", 1e30, "not a whole number" },
        { "tasks", 1e18, "from 0 to 2147483647" },
        { "account", 42, "takes a string, not Int32" },
        { "name", "a\nb", "control characters" },
        { "time_limit", "1:2:3:4", "not a Slurm time" },
        { "time_limit", TimeSpan.FromMinutes(-1), "negative" },
        { "time_limit", 2147483648L, "from 0 to 2147483647" },
        { "time_limit", TimeSpan.MaxValue - TimeSpan.FromTicks(1), "from 0 to 2147483647" },
        { "memory_per_node", "5X", "not a memory size" },
        { "memory_per_node", -1, "from 0" },
        { "begin_time", "someday", "not a Slurm begin time" },
        { "begin_time", -1, "from 0" },
        { "begin_time", new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero), "from 0" },
        { "begin_time", DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), "from 0" },
        { "priority", "TOP", "TOP" },
        { "priority", 2147483648L, "from 0 to 2147483647" },
        { "distribution_plane_size", 65534, "from 0 to 65533" },
        { "wait_all_nodes", "yes", "not a yes/no value" },
        { "wait_all_nodes", 2, "not a yes/no value" },
        { "nodes", "abc", "not a node count" },
        { "nodes", "0", "from 1" },
        { "environment", new[] { "NOEQUALS" }, "not NAME=value" },
        { "environment", new[] { "1A=1" }, "not an environment variable name" },
        { "environment", new[] { "A=\0" }, "NUL" },
        { "environment", new object[] { 5 }, "holds Int32" },
        { "environment", Array.Empty<string>(), "is empty" },
        { "environment", 5, "takes \"NAME=value\" strings or a hashtable" },
        { "script", "a\0b", "NUL" },
        { "script", 5, "takes the script's text" },
        // slurmctld refuses longer texts (ESLURM_PATHNAME_TOO_LONG): counted in UTF-8 bytes.
        { "time_limit", 0, "is 0 minutes: Slurm's sbatch reads a time limit of 0 as no limit" },
        { "time_limit", TimeSpan.Zero, "Give UNLIMITED for that" },
        { "comment", new string('c', 1025), "is 1025 bytes in UTF-8; Slurm takes at most 1024" },
        { "name", new string('\u00e9', 513), "is 1026 bytes in UTF-8; Slurm takes at most 1024" },
        { "account", new string('a', 1025), "at most 1024" },
        { "standard_output", "/" + new string('o', 4096), "is 4097 bytes in UTF-8; Slurm takes at most 4096" },
        { "current_working_directory", "/" + new string('d', 4096), "at most 4096" },
    };

    [Theory]
    [InlineData("comment", 1024)]
    [InlineData("partition", 1024)]
    [InlineData("standard_error", 4096)]
    [InlineData("current_working_directory", 4096)]
    public void Set_takes_a_text_of_exactly_the_length_Slurm_takes(string field, int bytes)
    {
        var job = Job();
        job.Set(field, "/" + new string('x', bytes - 1), "Property");
        Assert.Equal(bytes, ((string)job.Fields[field]!).Length);
    }

    [Theory]
    [MemberData(nameof(Unsettable))]
    public void Set_refuses_bad_values_naming_the_parameter_and_field(string field, object value, string fragment)
    {
        var e = Assert.Throws<S3mException>(() => Job().Set(field, value, "Property"));
        Assert.Equal(S3mErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("Property", e.ParameterName);
        Assert.StartsWith($"Property ({field.ToLowerInvariant()}): ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Set_refuses_broken_unicode()
    {
        // Built here: theory data would be serialised, and a lone surrogate does not survive that.
        var lone = new string('\uDC00', 1);
        foreach (var field in new[] { "name", "environment", "script" })
        {
            var e = Assert.Throws<S3mException>(() => Job().Set(field, field == "environment" ? "A=" + lone : lone, "Property"));
            Assert.Contains("broken Unicode", e.Message);
        }
    }

    [Theory]
    [InlineData("acount", "did you mean account?")]
    [InlineData("time", "did you mean begin_time, time_limit, time_minimum?")]
    [InlineData("mem", "memory_per_cpu, memory_per_node")]
    [InlineData("job-name", "See about_S3M")]
    [InlineData("gres", "which is not a job field S3M accepts. See about_S3M")]
    public void Set_refuses_fields_the_gateway_does_not_accept(string field, string fragment)
    {
        var e = Assert.Throws<S3mException>(() => Job().Set(field, "x", "Property"));
        Assert.Equal("Property", e.ParameterName);
        Assert.StartsWith($"Property names '{field}', which is not a job field S3M accepts", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Null_and_Remove_clear_a_field()
    {
        var job = Job();
        job.Set("account", "stf042", "Account");
        job.Set("account", null, "Account");
        Assert.Null(job.Account);

        job.Set("partition", "batch", "Partition");
        Assert.True(job.Remove("PARTITION"));
        Assert.False(job.Remove("partition"));
        Assert.False(job.Remove("no_such_field"));
        Assert.Equal("", Render(job));
    }

    [Fact]
    public void Nodes_show_what_was_written_until_a_bound_changes()
    {
        var job = Job();
        job.Set("nodes", "2-4", "Nodes");
        Assert.Equal("2-4", job.Nodes);
        job.Set("minimum_nodes", 3, "Property");
        Assert.Equal("3-4", job.Nodes);
        job.Set("maximum_nodes", 3, "Property");
        Assert.Equal("3", job.Nodes);
        Assert.True(job.Remove("nodes"));
        Assert.Null(job.Nodes);
        Assert.Equal("", Render(job));
    }

    [Fact]
    public void Memory_per_node_and_per_cpu_replace_each_other()
    {
        var job = Job();
        job.Set("memory_per_cpu", "1G", "Property");
        job.Set("memory_per_node", "8G", "Memory");
        Assert.Equal("memory_per_node=8192", Render(job));
        job.Set("memory_per_cpu", 512, "Property");
        Assert.Equal("memory_per_cpu=512", Render(job));
        Assert.Null(job.MemoryPerNodeMiB);
        Assert.Equal(512, job.MemoryPerCpuMiB);
    }

    [Fact]
    public void Convenience_properties_read_the_fields()
    {
        var job = Job();
        Assert.Null(job.Name);
        Assert.Null(job.TimeLimit);
        Assert.Equal(new[] { SlurmJobDescription.DefaultEnvironment }, job.Environment);

        foreach (var (field, value) in new (string, object)[]
        {
            ("name", "hello"), ("account", "stf042"), ("partition", "batch"), ("tasks", 8), ("cpus_per_task", 2),
            ("time_limit", "2:00:00"), ("memory_per_node", "2G"), ("current_working_directory", "/tmp"),
            ("standard_output", "o.txt"), ("standard_error", "e.txt"), ("environment", "A=1"),
        })
        {
            job.Set(field, value, "Property");
        }

        Assert.Equal("hello", job.Name);
        Assert.Equal("stf042", job.Account);
        Assert.Equal("batch", job.Partition);
        Assert.Equal(8, job.Tasks);
        Assert.Equal(2, job.CpusPerTask);
        Assert.Equal(TimeSpan.FromHours(2), job.TimeLimit);
        Assert.Equal(2048, job.MemoryPerNodeMiB);
        Assert.Equal("/tmp", job.WorkingDirectory);
        Assert.Equal("o.txt", job.StandardOutput);
        Assert.Equal("e.txt", job.StandardError);
        Assert.Equal(new[] { "A=1" }, job.Environment);

        job.Set("time_limit", "UNLIMITED", "TimeLimit");
        Assert.Equal(TimeSpan.MaxValue, job.TimeLimit);
    }

    [Fact]
    public void Fields_is_a_read_only_copy_in_contract_order()
    {
        var job = Job();
        job.Set("standard_error", "e", "Property");
        job.Set("environment", new[] { "A=1" }, "Property");
        job.Set("account", "a", "Property");
        job.Set("script", "#!/bin/bash\n", "Script");

        var fields = job.Fields;
        Assert.True(fields.IsReadOnly);
        Assert.Equal(new[] { "account", "environment", "standard_error" }, fields.Keys.Cast<string>());
        Assert.Throws<NotSupportedException>(() => fields["account"] = "b");
        ((string[])fields["environment"]!)[0] = "B=2";
        Assert.Equal(new[] { "A=1" }, job.Environment);
    }

    [Fact]
    public void Script_is_set_checked_and_stripped_of_a_byte_order_mark()
    {
        var job = Job();
        job.Set("script", "\uFEFF#!/bin/bash\n", "Script");
        Assert.Equal("#!/bin/bash\n", job.Script);

        var e = Assert.Throws<S3mException>(() => job.Set("script", new string('x', 4 * 1024 * 1024 + 1), "Script"));
        Assert.Contains("at most 4 MiB", e.Message);
        Assert.True(job.Remove("script"));
        Assert.Equal("", job.Script);
    }
}
