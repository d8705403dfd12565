using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Faults;

/// <summary>Counts allocations of the whole process, so nothing else may run beside it.</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection
{
}

/// <summary>
/// The session's MaximumResponseSize bounds what an answer can make the process hold: counted on
/// the decompressed bytes as they are read, refused at once when Content-Length says more, and
/// never retried. A gzip bomb or an endless body ends in one S3M.InvalidResponse naming the limit.
/// </summary>
[Collection(nameof(AloneCollection))]
public class ResponseSizeTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Path = S3mRoutes.Status;
    private const long Limit = 1L << 20;
    private readonly EmulatorFixture _emu;

    public ResponseSizeTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    private S3mClient Client(long limit = Limit) => _emu.NewClient(null, retries: 3, timeout: TimeSpan.FromSeconds(30), maximumResponseSize: limit);

    private static void AssertNamesTheLimit(S3mException e)
    {
        AssertClear(e, S3mErrorKind.InvalidResponse, "GET", Path, 200);
        Assert.Contains("MaximumResponseSize of 1 MiB", e.Message);
        Assert.Contains("raise the limit (4MB, say)", e.Message);
        Assert.Equal(S3mRemedy.RaiseResponseLimit, e.Remedy);
    }

    [Fact]
    public async Task A_gzip_bomb_of_a_gibibyte_ends_at_the_limit_without_taking_the_memory()
    {
        await _emu.AddFault(new { path = Path, mode = "gzipBomb", sizeBytes = 1L << 30, count = 5 });
        var client = Client();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var (e, elapsed) = await Fails(() => client.Status.GetResourcesAsync(default));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        AssertNamesTheLimit(e);
        Assert.True(allocated < 200L << 20, $"the process allocated {allocated >> 20} MiB reading a bomb with a 1 MiB limit");
        Assert.Equal(1, await _emu.CountLogged("GET", Path));
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed}");
    }

    [Fact]
    public async Task An_endless_body_ends_at_the_limit()
    {
        await _emu.AddFault(new { path = Path, mode = "endless", count = 5 });

        var (e, elapsed) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertNamesTheLimit(e);
        Assert.Equal(1, await _emu.CountLogged("GET", Path));
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed}");
    }

    [Fact]
    public async Task A_content_length_past_the_limit_is_refused_before_reading()
    {
        await _emu.AddFault(new { path = Path, mode = "large", sizeBytes = Limit + 1, count = 5 });

        var (e, _) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertNamesTheLimit(e);
        Assert.Contains("announces 1048577 bytes", e.Message);
        Assert.Equal(1, await _emu.CountLogged("GET", Path));
    }

    [Theory]
    [InlineData(Limit)]
    [InlineData(Limit - 1)]
    public async Task An_answer_up_to_the_limit_is_read(long size)
    {
        await _emu.AddFault(new { path = Path, mode = "large", sizeBytes = size });

        var (resources, _) = await Timed(() => Client().Status.GetResourcesAsync(default));

        Assert.Contains(resources, r => r.Name == "odo");
    }

    [Fact]
    public async Task A_gzip_answer_is_counted_after_decompression_and_read_when_under_the_limit()
    {
        await _emu.AddFault(new { path = Path, mode = "gzipBomb", sizeBytes = Limit - 10 });

        var (answer, _) = await Timed(() => Client().Transport.SendAsync(S3mRequest.Get(Path, authenticated: false), default));

        Assert.Equal((int)Limit - 10 - """{"padding":""}""".Length, answer.GetProperty("padding").GetString()!.Length);
    }

    [Fact]
    public void The_default_holds_a_large_queue_and_the_limit_is_checked()
    {
        Assert.Equal(256L << 20, new S3mClientOptions().MaximumResponseSize);
        foreach (var bad in new[] { 0L, 1023L, (1L << 30) + 1, -1L })
        {
            var e = Assert.Throws<S3mException>(() => new S3mClient(new S3mClientOptions { MaximumResponseSize = bad }, null));
            Assert.Equal("MaximumResponseSize", e.ParameterName);
        }
    }
}
