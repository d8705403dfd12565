using S3M.Transport;

namespace S3M.Client.Tests;

/// <summary>
/// A path a user types stays where it belongs: the transport checks the URI .NET will really send
/// ('\' read as '/', %2e decoded, dot segments resolved), not the string. Refused paths send nothing.
/// </summary>
public class PathConfinementTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Resource = "odo";
    private const string Version = "v0.0.44";
    private readonly EmulatorFixture _emu;

    public PathConfinementTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Ways to climb from /olcf/v1/slurm/open/v0.0.44/odo/ to the revoke endpoint, or out of the resource.</summary>
    public static readonly TheoryData<string> Attacks = new()
    {
        "/..\\..\\..\\..\\token/ctls/revoke",
        "..\\..\\..\\..\\token/ctls/revoke",
        "/..\\../..\\../token/ctls/revoke",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/token/ctls/revoke",
        "/%2E%2e/%2e%2E/%2E%2E/%2e%2e/token/ctls/revoke",
        "/.%2e/.%2e/.%2e/.%2e/token/ctls/revoke",
        "/..%2f..%2f..%2f..%2ftoken/ctls/revoke",
        "/..%2F..%2F..%2F..%2Ftoken/ctls/revoke",
        "/..%5c..%5c..%5c..%5ctoken/ctls/revoke",
        "/..%5C..%5C..%5C..%5Ctoken/ctls/revoke",
        "/./../../../../token/ctls/revoke",
        "/jobs/./../../../../../token/ctls/revoke",
        "/jobs/../../defiant/jobs",
        "/x/..\\..\\defiant/jobs",
        "/%2e%2e\\..%2f%2E./..%5Ctoken/ctls/revoke",
        "/..\\.\\..\\./..\\token/ctls/revoke",
        "/jobs\\..\\..\\..",
        // What some servers on the way read as '..' or a separator after this client looked.
        "/jobs/..;/..;/..;/..;/..;/..;/token/ctls/revoke",
        "/jobs/.;/..;x/token",
        "/%252e%252e/%252e%252e/%252e%252e/%252e%252e/token/ctls/revoke",
        "/..%252f..%252f..%252f..%252ftoken/ctls/revoke",
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_slurm_path_that_would_leave_its_resource_is_refused_and_nothing_is_sent(string path)
    {
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" });
        var request = new S3mRequest("DELETE", path) { Retriable = true };

        var e = await Assert.ThrowsAsync<S3mException>(() => client.Slurm.SendAsync(Resource, Version, request, default));

        Assert.Equal(S3mErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("Path", e.ParameterName);
        Assert.StartsWith("Path ", e.Message);
        Assert.Empty(await _emu.Requests());
        // The token was not revoked: it still works.
        Assert.Equal("stf042", (await client.Tokens.IntrospectAsync(false, default)).Project);
    }

    [Theory]
    [InlineData("/../olcf/v1/token/ctls/revoke")]
    [InlineData("/x/../../olcf/v1/token/ctls/revoke")]
    [InlineData("/%2e%2e/olcf/v1/token/ctls/revoke")]
    [InlineData("/x\\..\\..\\olcf/v1/token/ctls/revoke")]
    public async Task A_path_that_would_leave_the_base_uris_path_is_refused(string path)
    {
        // A gateway behind a path (https://host/gw): no path may reach the host's other paths.
        var client = _emu.NewClient(EmulatorFixture.Secure("t"), baseUri: new Uri(_emu.BaseUri, "/gw"));

        var e = await Assert.ThrowsAsync<S3mException>(() => client.Transport.SendAsync(new S3mRequest("DELETE", path), default));

        Assert.Equal(S3mErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("Path", e.ParameterName);
        Assert.Empty(await _emu.Requests());
    }

    [Theory]
    [InlineData("/jobs/../ping", "/olcf/v1/slurm/open/v0.0.44/odo/ping")]
    [InlineData("/./ping", "/olcf/v1/slurm/open/v0.0.44/odo/ping")]
    [InlineData("/job/1?signal=x%2f..%2f", "/olcf/v1/slurm/open/v0.0.44/odo/job/1")]
    public void A_path_that_stays_in_its_resource_is_sent_as_normalised(string path, string sent)
    {
        var client = _emu.NewClient(null);
        var scope = S3mRoutes.SlurmScope(client.Options, Version, Resource);

        var uri = client.Transport.Target(new S3mRequest("GET", S3mRoutes.Slurm(client.Options, Version, Resource, path)) { Scope = scope });

        Assert.Equal(sent, uri.AbsolutePath);
    }

    /// <summary>Random paths built from the pieces attacks are made of: whatever is sent stays under the resource.</summary>
    [Fact]
    public async Task Whatever_a_slurm_call_sends_stays_under_its_resource()
    {
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, retries: 0);
        var scope = "/olcf/v1/slurm/open/v0.0.44/odo/";
        var random = new Random(1010);
        string[] pieces = { "..", ".", "/", "\\", "%2e", "%2E", "%2f", "%5c", "%2e%2e", "jobs", "job", "ping", "x", "%41", ";", "?", "=", "~" };
        var refused = 0;
        for (var i = 0; i < 200; i++)
        {
            var path = "/" + string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => pieces[random.Next(pieces.Length)]));
            await _emu.Reset();
            try { await client.Slurm.SendAsync(Resource, Version, S3mRequest.Get(path), default); }
            catch (S3mException e) when (e.Kind == S3mErrorKind.InvalidArgument && e.ParameterName == "Path") { refused++; }
            catch (S3mException) { /* S3M's own answer (404...): it went where it belongs */ }
            foreach (var sent in await _emu.Requests())
            {
                Assert.True(sent.GetProperty("path").GetString()!.StartsWith(scope, StringComparison.Ordinal), $"{path} reached {sent.GetProperty("path").GetString()}");
            }
        }
        Assert.InRange(refused, 20, 180);
    }
}
