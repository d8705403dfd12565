using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using S3M.Emulator.Config;
using S3M.Emulator.Control;
using S3M.Emulator.Gateway;
using S3M.Emulator.Slurm;
using S3M.Emulator.Status;
using S3M.Emulator.Streaming;
using S3M.Emulator.Tokens;

namespace S3M.Emulator;

/// <summary>Starts an emulator inside the calling process, as the command line does in its own.</summary>
public static class EmulatorHost
{
    /// <summary>
    /// Loads the data, writes the demo token files and starts listening. Dispose the result to stop.
    /// </summary>
    /// <exception cref="InvalidDataException">The configuration file is not valid.</exception>
    /// <exception cref="ArgumentException">
    /// <see cref="EmulatorOptions.Urls"/> is not loopback only, without <see cref="EmulatorOptions.AllowRemote"/>;
    /// or <see cref="EmulatorOptions.TokenDirectory"/> exists and other users may read, write or enter it.
    /// </exception>
    /// <exception cref="IOException">
    /// The configuration file cannot be read, the address cannot be bound (or a <see cref="System.Net.Sockets.SocketException"/>), or the server bound an
    /// address that is not loopback (Kestrel endpoints in configuration) without <see cref="EmulatorOptions.AllowRemote"/>.
    /// </exception>
    public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.AllowRemote && Loopback.UrlsProblem(options.Urls) is { } wide)
        {
            throw new ArgumentException(wide, nameof(EmulatorOptions.Urls));
        }

        var config = EmulatorConfig.Load(options.ConfigFile);
        var clock = new EmulatorClock(TimeProvider.System);
        var tokens = new TokenService(clock);
        var catalog = new StatusCatalog(config, clock);
        var slurm = new SlurmCatalog(config, clock, catalog);
        var scheduler = new SlurmScheduler(config.Scheduler ?? new SchedulerSpec(), clock);

        var ownsDirectory = options.TokenDirectory is null;
        // Tokens and the control key go here: a temporary folder is mode 700, a given one is made
        // with mode 700 or must already be private.
        var tokenDirectory = ownsDirectory
            ? Directory.CreateTempSubdirectory("s3m-emulator-").FullName
            : PrivateFiles.Folder(options.TokenDirectory!, nameof(EmulatorOptions.TokenDirectory));

        WebApplication? app = null;
        try
        {
            var controlKey = new ControlKey();
            var controlKeyPath = controlKey.WriteFile(tokenDirectory);
            WriteTokenFiles(config.Tokens ?? [], tokens, tokenDirectory);
            app = Build(options.Urls, clock, tokens, catalog, slurm, scheduler, config.Streaming ?? new StreamingSpec(), controlKey);
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            // Kestrel endpoints from configuration or the environment override --urls: check what was really bound.
            if (!options.AllowRemote && Loopback.BoundProblem(addresses) is { } bound)
            {
                throw new IOException(bound);
            }

            var address = addresses.First();
            return new RunningEmulator(app, new Uri(address), tokenDirectory, ownsDirectory, tokens, controlKey.Value, controlKeyPath);
        }
        catch
        {
            if (app is not null)
            {
                // Stop first: the server may be listening (on an address found not to be loopback).
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }

            if (ownsDirectory)
            {
                Directory.Delete(tokenDirectory, recursive: true);
            }

            throw;
        }
    }

    private static WebApplication Build(
        string urls, EmulatorClock clock, TokenService tokens, StatusCatalog catalog, SlurmCatalog slurm, SlurmScheduler scheduler,
        StreamingSpec streaming, ControlKey controlKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        // Quiet, and on stderr: the first lines on stdout are the two that scripts read.
        builder.Logging.ClearProviders()
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddSingleton(clock)
            .AddSingleton(tokens)
            .AddSingleton(catalog)
            .AddSingleton(slurm)
            .AddSingleton(scheduler)
            .AddSingleton<SlurmRefusals>()
            .AddSingleton<WireDialect>()
            .AddSingleton<SlurmService>()
            // Made by the container, so disposing the app stops every redis-server it runs.
            .AddSingleton(_ => new StreamingService(streaming, clock))
            .AddSingleton<FaultRegistry>()
            .AddSingleton<EmulatedLatency>()
            .AddSingleton<RequestLog>();

        var app = builder.Build();
        // Log first, so faulted requests are logged too, and a held one counts as in flight; latency
        // before everything that answers, as the distance to a gateway is; faults before the routes they stand in for.
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<LatencyMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseStatusCodePages(GatewayError.WriteStatusCodePage);
        app.MapStatus();
        app.MapTokens();
        app.MapSlurm();
        app.MapStreaming();
        // Every control endpoint hangs off this one group, so none can miss the key check.
        var control = app.MapGroup(ControlEndpoints.Prefix).AddEndpointFilter(controlKey.FilterAsync);
        control.MapStreamingControl();
        control.MapDialectControl();
        control.MapControl();
        return app;
    }

    private static void WriteTokenFiles(IEnumerable<TokenSpec> specs, TokenService tokens, string directory)
    {
        foreach (var spec in specs)
        {
            if (spec.File.Length == 0 || Path.GetFileName(spec.File) != spec.File)
            {
                throw new InvalidDataException($"token file \"{spec.File}\" must be a plain file name: it is written in the token folder");
            }

            if (spec.File == ControlKey.FileName)
            {
                throw new InvalidDataException($"token file \"{spec.File}\" is the name of the control key's file: choose another");
            }

            var lifetime = RelativeTime.ParseDuration(spec.ExpiresIn);
            var minted = tokens.Mint(new TokenGrant(spec.Project, spec.Scopes, spec.Enclave, lifetime, spec.Description, spec.Extensions));
            TokenFiles.Write(directory, spec.File, minted.Token);
        }
    }
}
