using S3M.Emulator;

namespace S3M.Emulator.Tests.Support;

/// <summary>One in-process emulator on 127.0.0.1, a free port, shared by the tests of one class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public RunningEmulator Emulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions());
        Http = Emulator.NewHttpClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>Base of test classes that share a fixture: each test starts from a reset emulator.</summary>
public abstract class EmulatorTest(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    protected RunningEmulator Emulator => fixture.Emulator;

    protected HttpClient Http => fixture.Http;

    public Task InitializeAsync() => Http.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
