using S3M.Slurm;
using S3M.Transport;
using static S3M.Client.Tests.Slurm.Submit.SubmitKit;

namespace S3M.Client.Tests.Slurm.Submit;

public class SbatchScriptTests
{
    private const string Path = "PATH=/bin:/usr/bin:/usr/local/bin";

    /// <summary>(script, the fields it sets as SubmitKit.Render writes them)</summary>
    public static TheoryData<string, string> Readable => new()
    {
        // Long, short, glued and spaced forms.
        { Script("-A stf042"), "account=stf042" },
        { Script("--account=stf042"), "account=stf042" },
        { Script("--account stf042"), "account=stf042" },
        { Script("-Astf042"), "account=stf042" },
        { Script("-J hello"), "name=hello" },
        { Script("--job-name=x=y"), "name=x=y" },
        { Script("-p batch"), "partition=batch" },
        { Script("--part=batch"), "partition=batch" },
        { Script("--partition batch"), "partition=batch" },
        // Quotes, escapes and comments.
        { Script("--job-name=\"my job\""), "name=my job" },
        { Script("--job-name='my job'"), "name=my job" },
        { Script("-J my\\ job"), "name=my job" },
        { Script("-J \"a # b\""), "name=a # b" },
        { Script("-J a#b"), "name=a" },
        { Script("-N 2 -n 8 -t 10 # two nodes, eight tasks"), "tasks=8; time_limit=10; minimum_nodes=2; maximum_nodes=2" },
        { Script("--comment=\"nightly run\""), "comment=nightly run" },
        // Node counts.
        { Script("-N 2"), "minimum_nodes=2; maximum_nodes=2" },
        { Script("-N 2-4"), "minimum_nodes=2; maximum_nodes=4" },
        { Script("-N2-4"), "minimum_nodes=2; maximum_nodes=4" },
        { Script("--nodes=1"), "minimum_nodes=1; maximum_nodes=1" },
        { Script("--nodes 3-3"), "minimum_nodes=3; maximum_nodes=3" },
        // Counts.
        { Script("-n 8"), "tasks=8" },
        { Script("-n8"), "tasks=8" },
        { Script("--ntasks=8"), "tasks=8" },
        { Script("-c 4"), "cpus_per_task=4" },
        { Script("--cpus-per-task=4"), "cpus_per_task=4" },
        { Script("--ntasks-per-node=4"), "tasks_per_node=4" },
        { Script("--ntasks-per-socket=2"), "tasks_per_socket=2" },
        { Script("--ntasks-per-core=1"), "tasks_per_core=1" },
        { Script("--ntasks-per-gpu=2"), "ntasks_per_tres=2" },
        { Script("--sockets-per-node=2"), "sockets_per_node=2" },
        { Script("--threads-per-core=1"), "threads_per_core=1" },
        { Script("--mincpus=16"), "minimum_cpus_per_node=16" },
        // Times.
        { Script("-t 30"), "time_limit=30" },
        { Script("-t 10:30"), "time_limit=11" },
        { Script("-t 1:30:00"), "time_limit=90" },
        { Script("--time=1-12"), "time_limit=2160" },
        { Script("-t 2-00:00:00"), "time_limit=2880" },
        { Script("-t UNLIMITED"), "time_limit=UNLIMITED" },
        { Script("-t 0"), "time_limit=UNLIMITED" },
        { Script("--time-min=15"), "time_minimum=15" },
        { Script("--time=2:00:00 --time-min=1:00:00"), "time_limit=120; time_minimum=60" },
        // Memory.
        { Script("--mem=4G"), "memory_per_node=4096" },
        { Script("--mem=2g"), "memory_per_node=2048" },
        { Script("--mem=0"), "memory_per_node=0" },
        { Script("--mem 1T"), "memory_per_node=1048576" },
        { Script("--mem-per-cpu=512"), "memory_per_cpu=512" },
        { Script("--mem-per-cpu=1536K"), "memory_per_cpu=2" },
        // Paths and names.
        { Script("-D /lustre/orion/stf042"), "current_working_directory=/lustre/orion/stf042" },
        { Script("--chdir=/tmp"), "current_working_directory=/tmp" },
        { Script("-o out.%j"), "standard_output=out.%j" },
        { Script("-o none"), "standard_output=/dev/null" },
        { Script("-e err.%j"), "standard_error=err.%j" },
        { Script("-i in.txt"), "standard_input=in.txt" },
        { Script("-q debug"), "qos=debug" },
        { Script("--reservation=resv1"), "reservation=resv1" },
        { Script("-L fs:2"), "licenses=fs:2" },
        { Script("--licenses=matlab"), "licenses=matlab" },
        // Scheduling.
        { Script("--priority=100"), "priority=100" },
        { Script("--wait-all-nodes=1"), "wait_all_nodes=true" },
        { Script("--wait-all-nodes=0"), "wait_all_nodes=false" },
        { Script("--begin=now+1hour"), $"begin_time={Now.ToUnixTimeSeconds() + 3600}" },
        { Script("-b 2026-12-01T10:00"), $"begin_time={Unix(2026, 12, 1, 10)}" },
        // Environment.
        { Script("--export=NONE"), "" },
        { Script("--export=A=1,B=2"), "environment=A=1|B=2" },
        { Script("--export='A=\"x,y\",B=2'"), "environment=A=x,y|B=2" },
        { Script("--export=A=1", "--export=B=2"), "environment=B=2" },
        // Several lines; the later option wins.
        { Script("-p a", "-p b"), "partition=b" },
        { Script("-N 2", "-N 3"), "minimum_nodes=3; maximum_nodes=3" },
        { Script("-J x -p y", "-A z"), "account=z; name=x; partition=y" },
        { Script(""), "" },
        // Which lines are directives.
        { "#!/bin/bash\n\n# a note\n   # indented note\n#SBATCH -p a\n", "partition=a" },
        { "#!/bin/bash\r\n#SBATCH -p a\r\n#SBATCH -J x\r\n", "name=x; partition=a" },
        { "#!/bin/bash\n#SBATCH -p a\necho hi\n#SBATCH -p b\n", "partition=a" },
        { "#!/bin/bash\n  #SBATCH -p a\n", "" },
        { "#!/bin/bash\n#SLURM -p a\n#SBATCH -J x\n", "name=x" },
        { "#SBATCH -p first-line\n", "partition=first-line" },
        { "\uFEFF#!/bin/bash\n#SBATCH -p a\n", "partition=a" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void Reads_directives_as_sbatch_does(string script, string expected)
    {
        var job = Parse(script);
        Assert.Equal(expected, Render(job));
        Assert.Empty(job.Warnings);
    }

    /// <summary>(directives, the line the error names, a piece of its message)</summary>
    public static TheoryData<string, int, string> Refused => new()
    {
        // Values Slurm would not take.
        { Script("-N abc"), 2, "not a node count" },
        { Script("-N 4-2"), 2, "minimum above its maximum" },
        { Script("-N 0"), 2, "from 1" },
        { Script("-N 2-"), 2, "not a node count" },
        { Script("-t 1:2:3:4"), 2, "not a Slurm time" },
        { Script("-t -5"), 2, "not a Slurm time" },
        { Script("--time-min=abc"), 2, "not a Slurm time" },
        { Script("-t 99999999999"), 2, "longer than Slurm can hold" },
        { Script("--mem 5X"), 2, "not a memory size" },
        { Script("--mem=-1"), 2, "not a memory size" },
        { Script("--mem=1.5G"), 2, "not a memory size" },
        { Script("--mem=9999999999999T"), 2, "more memory than Slurm can hold" },
        { Script("-n -1"), 2, "'-1'" },
        { Script("-n 0"), 2, "from 1 to 2147483647" },
        { Script("-n 99999999999"), 2, "2147483647" },
        { Script("--cpus-per-task=1.5"), 2, "not a whole number" },
        { Script("--ntasks-per-node="), 2, "not a whole number" },
        { Script("--priority=TOP"), 2, "TOP" },
        { Script("--priority=-1"), 2, "'-1'" },
        { Script("--wait-all-nodes=2"), 2, "not a yes/no value" },
        { Script("--begin=someday"), 2, "not a Slurm begin time" },
        { Script("--begin=2026-02-30"), 2, "not a date that exists" },
        { Script("--export=S3M_TEST_SURELY_UNSET_9F2C"), 2, "S3M_TEST_SURELY_UNSET_9F2C, which is not set here" },
        { Script("--export=1BAD=x"), 2, "not an environment variable name" },
        { Script("--export=NONE,A=1"), 2, "cannot be combined" },
        { Script("--comment=\"a\tb\""), 2, "control characters" },
        { Script("-p a", "--job-name=" + new string('n', 1025)), 3, "is 1025 bytes in UTF-8; Slurm takes at most 1024" },
        { Script("-p a", "--mem=4G", "--mem-per-cpu=1G"), 4, "the other is on line 3" },
        // Missing values and broken quoting.
        { Script("-c"), 2, "needs a value" },
        { Script("--job-name"), 2, "needs a value" },
        { Script("--job-name --partition=x"), 2, "needs a value" },
        { Script("-p a", "-J \"unterminated"), 3, "unmatched \"" },
        { Script("--export='A=1"), 2, "unmatched '" },
        { Script("--n=2"), 2, "ambiguous" },
        // Directives S3M does not accept.
        { Script("--array=1-10"), 2, "S3M does not accept --array" },
        { Script("-a 1-10"), 2, "S3M does not accept --array" },
        { Script("--dependency=afterok:1"), 2, "S3M does not accept --dependency" },
        { Script("--gres=gpu:1"), 2, "S3M does not accept --gres" },
        { Script("--gpus=2"), 2, "S3M does not accept --gpus" },
        { Script("--mail-type=END"), 2, "S3M does not accept --mail-type" },
        { Script("--mail-user=me@example.org"), 2, "S3M does not accept --mail-user" },
        { Script("--exclusive"), 2, "S3M does not accept --exclusive" },
        { Script("-C nvme"), 2, "S3M does not accept --constraint" },
        { Script("--constraint=nvme"), 2, "S3M does not accept --constraint" },
        { Script("--exclude=n1"), 2, "S3M does not accept --exclude" },
        { Script("-w node[01-04]"), 2, "S3M does not accept --nodelist" },
        { Script("--signal=B:USR1@60"), 2, "S3M does not accept --signal" },
        { Script("--requeue"), 2, "S3M does not accept --requeue" },
        { Script("--open-mode=append"), 2, "S3M does not accept --open-mode" },
        { Script("-H"), 2, "S3M does not accept --hold" },
        { Script("-p a", "-J x", "--frobnicate=1"), 4, "S3M does not accept --frobnicate (not an sbatch option" },
        { Script("-Z"), 2, "S3M does not accept -Z" },
        { Script("-J my job"), 2, "'job'" },
        // Bytes that are not text.
        { Script("-J x\u0001y"), 2, "not UTF-8 text" },
        { Script("-J \uFFFD\uFFFD"), 2, "not UTF-8 text" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_bad_directives_naming_the_line(string script, int line, string fragment)
    {
        var e = Assert.Throws<S3mException>(() => Parse(script));
        Assert.Equal(S3mErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("ScriptPath", e.ParameterName);
        Assert.StartsWith($"ScriptPath line {line} (", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Unsupported_directives_say_how_to_skip_them()
    {
        var e = Assert.Throws<S3mException>(() => Parse(Script("--mail-type=END")));
        Assert.Equal("ScriptPath line 2 (--mail-type=END): S3M does not accept --mail-type; remove it, or use -IgnoreUnsupportedDirective to skip it with a warning.", e.Message);
    }

    [Fact]
    public void Ignoring_unsupported_directives_warns_once_each_and_reads_the_rest()
    {
        var job = Parse(Script("-J run --array=1-10", "--mail-user me@example.org -p batch", "-Hk -N 2", "-J my job"), ignoreUnsupported: true);

        Assert.Equal("name=my; partition=batch; minimum_nodes=2; maximum_nodes=2", Render(job));
        Assert.Equal(new[]
        {
            "line 2: ignored --array=1-10: S3M does not accept --array.",
            "line 3: ignored --mail-user=me@example.org: S3M does not accept --mail-user.",
            "line 4: ignored -H: S3M does not accept --hold.",
            "line 4: ignored -k: S3M does not accept --no-kill.",
            "line 5: ignored job: S3M does not accept 'job' here: it is not an option (a value with blanks needs quotes).",
        }, job.Warnings);
    }

    [Fact]
    public void Ignoring_does_not_excuse_bad_values()
    {
        var e = Assert.Throws<S3mException>(() => Parse(Script("--array=1-3", "-N abc"), ignoreUnsupported: true));
        Assert.StartsWith("ScriptPath line 3 (-N abc)", e.Message);
    }

    [Fact]
    public void Export_all_is_a_warning_and_leaves_the_default_environment()
    {
        var job = Parse(Script("--export=ALL"));
        Assert.Equal("", Render(job));
        Assert.Equal(new[] { Path }, job.Environment);
        var warning = Assert.Single(job.Warnings);
        Assert.StartsWith("line 2: --export=ALL has no meaning through S3M", warning);

        job = Parse(Script("--export=ALL,OMP_NUM_THREADS=8"));
        Assert.Equal(new[] { "OMP_NUM_THREADS=8" }, job.Environment);
        Assert.Single(job.Warnings);
    }

    [Fact]
    public void Export_of_a_bare_name_takes_the_local_value()
    {
        const string name = "S3M_TEST_EXPORT_7D1E";
        Environment.SetEnvironmentVariable(name, "from here");
        try
        {
            Assert.Equal("environment=" + name + "=from here|B=2", Render(Parse(Script($"--export={name},B=2"))));
        }
        finally { Environment.SetEnvironmentVariable(name, null); }
    }

    [Fact]
    public void Keeps_the_script_and_what_the_user_wrote_for_nodes()
    {
        var script = Script("-N 2-4", "-t 1:00:00", "--mem=8G");
        var job = Parse(script);
        Assert.Equal(script, job.Script);
        Assert.Equal("2-4", job.Nodes);
        Assert.Equal(TimeSpan.FromHours(1), job.TimeLimit);
        Assert.Equal(8192, job.MemoryPerNodeMiB);
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_from_the_script()
    {
        Assert.Equal("#!/bin/bash\ntrue\n", Parse("\uFEFF#!/bin/bash\ntrue\n").Script);
    }

    [Fact]
    public void Parameters_set_after_parsing_win()
    {
        var job = Parse(Script("-p batch", "-N 2", "--mem-per-cpu=1G"));
        job.Set("partition", "debug", "Partition");
        job.Set("nodes", "4", "Nodes");
        job.Set("memory_per_node", "16G", "Memory");
        Assert.Equal("partition=debug; minimum_nodes=4; maximum_nodes=4; memory_per_node=16384", Render(job));
    }

    [Fact]
    public void Refuses_scripts_that_are_not_text()
    {
        var e = Assert.Throws<S3mException>(() => Parse("#!/bin/bash\necho a\0b\n"));
        Assert.Equal("ScriptPath", e.ParameterName);
        Assert.Contains("NUL", e.Message);

        e = Assert.Throws<S3mException>(() => Parse("#!/bin/bash\necho " + new string('\uD800', 1) + "\n"));
        Assert.Contains("broken Unicode", e.Message);
    }

    [Fact]
    public void Refuses_scripts_over_four_mebibytes()
    {
        var big = "#!/bin/bash\n" + new string('#', 4 * 1024 * 1024);
        var e = Assert.Throws<S3mException>(() => Parse(big));
        Assert.Equal("ScriptPath", e.ParameterName);
        Assert.Contains("at most 4 MiB", e.Message);

        var fits = "#!/bin/bash\n" + new string('#', 4 * 1024 * 1024 - 12);
        Assert.Equal(fits, Parse(fits).Script);
    }

    [Fact]
    public void Refuses_null()
    {
        var e = Assert.Throws<S3mException>(() => SbatchScript.Parse(null!, false, "Script"));
        Assert.Equal("Script", e.ParameterName);
    }

    [Fact]
    public void Junk_never_escapes_as_anything_but_an_S3mException()
    {
        var random = new Random(42);
        const string alphabet = "#SBATCH -=\"'\\ \t\r\nNnJtpmemexportbegin0123456789:,.GKT+now";
        for (var i = 0; i < 2000; i++)
        {
            var chars = Enumerable.Range(0, random.Next(1, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var script = "#SBATCH " + new string(chars);
            try { Parse(script, ignoreUnsupported: random.Next(2) == 0); }
            catch (S3mException) { }
        }
    }
}
