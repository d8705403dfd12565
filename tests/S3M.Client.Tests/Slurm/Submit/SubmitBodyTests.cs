using S3M.Slurm;
using S3M.Transport;
using static S3M.Client.Tests.Slurm.Submit.SubmitKit;

namespace S3M.Client.Tests.Slurm.Submit;

public class SubmitBodyTests
{
    private const string Hello = "#!/bin/bash\n#SBATCH -J hello -A stf042 -p batch\n#SBATCH -N 2 -t 30 --mem=4G\nsrun echo \"a<b\" && echo 'ok'\n";

    private const string HelloJob =
        "\"account\":\"stf042\"," +
        "\"environment\":[\"PATH=/bin:/usr/bin:/usr/local/bin\"]," +
        "\"name\":\"hello\"," +
        "\"partition\":\"batch\"," +
        "\"time_limit\":{\"set\":true,\"infinite\":false,\"number\":30}," +
        "\"minimum_nodes\":2," +
        "\"maximum_nodes\":2," +
        "\"memory_per_node\":{\"set\":true,\"infinite\":false,\"number\":4096}";

    private const string HelloScript =
        "\"#!/bin/bash\\n#SBATCH -J hello -A stf042 -p batch\\n#SBATCH -N 2 -t 30 --mem=4G\\nsrun echo \\\"a<b\\\" && echo 'ok'\\n\"";

    [Theory]
    [InlineData("v0.0.42")]
    [InlineData("v0.0.43")]
    [InlineData("v0.0.44")]
    public void Job_form_holds_the_fields_then_the_script(string version)
    {
        var body = Parse(Hello).ToSubmitJson(version, SubmitForm.Job);
        Assert.Equal("{\"job\":{" + HelloJob + ",\"script\":" + HelloScript + "}}", body);
    }

    [Fact]
    public void Jobs_form_puts_the_script_beside_a_one_job_list()
    {
        var body = Parse(Hello).ToSubmitJson("v0.0.44", SubmitForm.Jobs);
        Assert.Equal("{\"script\":" + HelloScript + ",\"jobs\":[{" + HelloJob + "}]}", body);
    }

    [Theory]
    [InlineData("v0.0.42")]
    [InlineData("v0.0.43")]
    public void Jobs_form_needs_v0_0_44(string version)
    {
        var e = Assert.Throws<S3mException>(() => Parse(Hello).ToSubmitJson(version, SubmitForm.Jobs));
        Assert.Equal("ApiVersion", e.ParameterName);
        Assert.Contains("needs v0.0.44", e.Message);
    }

    [Theory]
    [InlineData("0.0.44")]
    [InlineData("V0.0.44")]
    [InlineData(" v0.0.44 ")]
    public void Versions_are_read_loosely(string version)
    {
        Assert.StartsWith("{\"script\":", Parse(Hello).ToSubmitJson(version, SubmitForm.Jobs));
    }

    [Theory]
    [InlineData("v0.0.41")]
    [InlineData("v0.0.45")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_versions_it_does_not_know(string? version)
    {
        var e = Assert.Throws<S3mException>(() => Parse(Hello).ToSubmitJson(version!, SubmitForm.Job));
        Assert.Equal("ApiVersion", e.ParameterName);
        Assert.Contains("v0.0.42, v0.0.43, v0.0.44", e.Message);
    }

    [Fact]
    public void Refuses_an_unknown_form_and_an_empty_script()
    {
        Assert.Equal("SubmitForm", Assert.Throws<S3mException>(() => Parse(Hello).ToSubmitJson("v0.0.44", (SubmitForm)7)).ParameterName);
        Assert.Equal("Script", Assert.Throws<S3mException>(() => new SlurmJobDescription().ToSubmitJson("v0.0.43", SubmitForm.Job)).ParameterName);
        Assert.Equal("Script", Assert.Throws<S3mException>(() => Parse(" \n").ToSubmitJson("v0.0.43", SubmitForm.Job)).ParameterName);
    }

    [Fact]
    public void Writes_unlimited_as_infinite_and_a_given_environment_instead_of_the_default()
    {
        var job = Parse("#!/bin/bash\n#SBATCH -t UNLIMITED --export=A=1,B=two\ntrue\n");
        Assert.Equal(
            "{\"job\":{\"environment\":[\"A=1\",\"B=two\"],\"time_limit\":{\"set\":true,\"infinite\":true},\"script\":\"#!/bin/bash\\n#SBATCH -t UNLIMITED --export=A=1,B=two\\ntrue\\n\"}}",
            job.ToSubmitJson("v0.0.43", SubmitForm.Job));
    }

    [Fact]
    public void Writes_every_kind_of_value()
    {
        var job = new SlurmJobDescription(Clock);
        job.Set("script", "#!/bin/sh\n", "Script");
        job.Set("begin_time", "now+1hour", "Property");
        job.Set("wait_all_nodes", true, "Property");
        job.Set("priority", 7, "Property");
        job.Set("distribution_plane_size", 4, "Property");
        job.Set("time_minimum", 10, "Property");
        job.Set("memory_per_cpu", "1G", "Property");
        job.Set("tasks_per_board", 3, "Property");
        job.Set("comment", "é ✓ \"quoted\"", "Property");
        Assert.Equal(
            "{\"job\":{" +
            $"\"begin_time\":{{\"set\":true,\"infinite\":false,\"number\":{Now.ToUnixTimeSeconds() + 3600}}}," +
            "\"comment\":\"é ✓ \\\"quoted\\\"\"," +
            "\"environment\":[\"PATH=/bin:/usr/bin:/usr/local/bin\"]," +
            "\"distribution_plane_size\":{\"set\":true,\"infinite\":false,\"number\":4}," +
            "\"priority\":{\"set\":true,\"infinite\":false,\"number\":7}," +
            "\"time_minimum\":{\"set\":true,\"infinite\":false,\"number\":10}," +
            "\"wait_all_nodes\":true," +
            "\"tasks_per_board\":3," +
            "\"memory_per_cpu\":{\"set\":true,\"infinite\":false,\"number\":1024}," +
            "\"script\":\"#!/bin/sh\\n\"}}",
            job.ToSubmitJson("v0.0.42", SubmitForm.Job));
    }
}
