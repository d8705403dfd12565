using S3M.Transport;

namespace S3M.Client.Tests;

public class RoutesAndRulesTests
{
    [Theory]
    [InlineData("a\u001b[2Jb", "a?[2Jb")]           // an escape sequence
    [InlineData("safe\u202E00:81", "safe?00:81")]   // a right-to-left override
    [InlineData("x\u2066y\u2069z", "x?y?z")]        // directional isolates
    [InlineData("zero\u200Bwidth\uFEFF", "zero?width?")]
    [InlineData("line\u2028break", "line?break")]
    [InlineData("caf\u00e9 \u2014 ok", "caf\u00e9 \u2014 ok")]
    public void Someone_elses_text_reaches_a_message_without_what_changes_how_a_line_reads(string text, string shown)
    {
        Assert.Equal(shown, S3mRoutes.Printable(text));
        Assert.Equal(shown.Replace('?', ' '), ErrorMapper.Clip(text));
    }

    [Fact]
    public void Routes_follow_the_contract()
    {
        Assert.Equal("/olcf/v1alpha/status", S3mRoutes.Status);
        Assert.Equal("/olcf/v1alpha/status/downtimes", S3mRoutes.DowntimesNow);
        Assert.Equal("/olcf/v1alpha/status/downtimes/upcoming", S3mRoutes.DowntimesUpcoming);
        Assert.Equal("/olcf/v1/token/ctls/introspect", S3mRoutes.TokenIntrospect);
        Assert.Equal("/olcf/v1/token/ctls/revoke", S3mRoutes.TokenRevoke);
        Assert.Equal("/olcf/v1alpha/status/odo", S3mRoutes.StatusOf("odo"));
        Assert.Equal("/olcf/v1/slurm", S3mClientOptions.DefaultComputePrefix);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    [InlineData("a b")]
    [InlineData("a\tb")]
    [InlineData("a\u0000b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("   ")]
    public void Segment_refuses_what_could_leave_its_segment(string value)
    {
        var e = Assert.Throws<S3mException>(() => S3mRoutes.Segment(value, "Name"));
        Assert.Equal(S3mErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("Name", e.ParameterName);
        Assert.StartsWith("Name ", e.Message);
    }

    [Fact]
    public void Segment_refuses_overlong_values_and_escapes_the_rest()
    {
        Assert.Throws<S3mException>(() => S3mRoutes.Segment(new string('a', 257), "Name"));
        Assert.Equal("odo", S3mRoutes.Segment("odo", "Name"));
        Assert.Equal("caf%C3%A9", S3mRoutes.Segment("café", "Name"));
        Assert.Equal("a%3Fb", S3mRoutes.Segment("a?b", "Name"));
    }

    [Theory]
    [InlineData("https://s3m.olcf.ornl.gov", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.8.9.10", true)]
    [InlineData("http://localhost:1234", true)]
    [InlineData("http://LOCALHOST", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://s3m.olcf.ornl.gov", false)]
    [InlineData("http://10.0.0.1", false)]
    [InlineData("http://128.0.0.1", false)]
    [InlineData("http://localhost.example.com", false)]
    [InlineData("ftp://127.0.0.1", false)]
    public void Http_is_allowed_only_to_loopback(string uri, bool allowed)
    {
        var check = () => LoopbackRule.Check(new Uri(uri), "BaseUri");
        if (allowed)
        {
            check();
        }
        else
        {
            Assert.Equal("BaseUri", Assert.Throws<S3mException>(check).ParameterName);
        }
    }

    [Fact]
    public void Options_validate_prefix_timeout_and_retries()
    {
        Assert.Throws<S3mException>(() => new S3mClient(new S3mClientOptions { ComputePrefix = "slurm" }, null));
        Assert.Throws<S3mException>(() => new S3mClient(new S3mClientOptions { ComputePrefix = "/slurm/" }, null));
        Assert.Throws<S3mException>(() => new S3mClient(new S3mClientOptions { Timeout = TimeSpan.Zero }, null));
        Assert.Throws<S3mException>(() => new S3mClient(new S3mClientOptions { Retry = new RetryOptions { MaximumRetryCount = -1 } }, null));
        Assert.Throws<S3mException>(() => new S3mClient(new S3mClientOptions { Enclave = "../x" }, null));
        Assert.Throws<S3mException>(() => new S3mClient(new S3mClientOptions { BaseUri = new Uri("http://example.org") }, null));
        new S3mClient(new S3mClientOptions { ComputePrefix = "/slurm" }, null);
    }

    [Fact]
    public void User_agent_names_the_module_and_its_version()
    {
        Assert.Matches(@"^S3M-PowerShell/\d+\.\d+\.\d+", S3mTransport.UserAgent);
    }
}
