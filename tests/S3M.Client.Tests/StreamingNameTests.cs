using S3M.Streaming;
using S3M.Transport;

namespace S3M.Client.Tests;

/// <summary>Cluster names are refused by the client itself, before any request leaves it.</summary>
public class StreamingNameTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _emu;

    public StreamingNameTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    // .NET's "$" also matches before a final "\n": the pattern must end in \z.
    [InlineData("ingest01\n")]
    [InlineData("ingest01\r\n")]
    [InlineData("\ningest01")]
    public async Task A_name_with_a_line_break_is_refused_before_anything_is_sent(string name)
    {
        var (client, _) = _emu.Connect(scopes: new[] { "data-streaming" });
        var request = new ProvisionRequest { Engine = StreamingEngine.Redis, Name = name, Kind = "general" };

        // What New-S3mStreamingCluster does: check, then provision.
        var error = await Assert.ThrowsAsync<S3mException>(async () =>
        {
            request.CheckLocally();
            request.Check(await client.Streaming.GetBackendsAsync(default));
            await client.Streaming.ProvisionAsync(request, default);
        });

        Assert.Equal(S3mErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("RFC 1123", error.Message);
        Assert.DoesNotContain(await _emu.Requests(), r => r.GetProperty("method").GetString() == "POST");
        Assert.Empty(await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default));
    }
}
