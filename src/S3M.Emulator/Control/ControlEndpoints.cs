using S3M.Emulator.Gateway;
using S3M.Emulator.Slurm;
using S3M.Emulator.Status;
using S3M.Emulator.Streaming;
using S3M.Emulator.Tokens;

namespace S3M.Emulator.Control;

/// <summary>
/// <c>/_emulator/</c>: what tests use to steer the emulator (mint tokens, arm faults, add latency,
/// read the request log, move the clock, replace the downtimes, set the scheduler's pace). Off the
/// S3M paths, no token needed but the emulator's control key (<see cref="ControlKey"/>, checked by
/// the group), never logged, faulted or delayed.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    public static bool IsControlPath(PathString path) => path.StartsWithSegments(Prefix);

    /// <param name="control">The group at <see cref="Prefix"/> that checks the control key.</param>
    public static void MapControl(this RouteGroupBuilder control)
    {
        control.MapPost("/tokens", (HttpRequest request, TokenService tokens) =>
            ControlJson.HandleAsync<MintRequest>(request, mint =>
            {
                var minted = tokens.Mint(new TokenGrant(
                    mint.Project, mint.Scopes, mint.Enclave, TimeSpan.FromSeconds(mint.ExpiresInSeconds), mint.Description, mint.Extensions));
                return ControlJson.Ok(new { token = minted.Token, tokenId = minted.TokenId });
            }));

        control.MapPost("/faults", (HttpRequest request, FaultRegistry faults) =>
            ControlJson.HandleAsync<FaultRequest>(request, fault =>
            {
                var armed = fault.ToFault();
                faults.Add(armed);
                return ControlJson.Ok(new { id = armed.Id });
            }));

        control.MapDelete("/faults", (FaultRegistry faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        control.MapGet("/requests", (RequestLog log) => ControlJson.Ok(new { requests = log.Snapshot(), maxInFlight = log.MaxInFlight }));

        control.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        control.MapPost("/clock", (HttpRequest request, EmulatorClock clock) =>
            ControlJson.HandleAsync<ClockRequest>(request, advance =>
                ControlJson.Ok(new { now = clock.Advance(TimeSpan.FromSeconds(advance.AdvanceSeconds)) })));

        control.MapGet("/latency", (EmulatedLatency latency) => ControlJson.Ok(new { milliseconds = latency.Milliseconds }));

        control.MapPost("/latency", (HttpRequest request, EmulatedLatency latency) =>
            ControlJson.HandleAsync<LatencyRequest>(request, delay =>
            {
                latency.Milliseconds = delay.Milliseconds;
                return ControlJson.Ok(new { milliseconds = latency.Milliseconds });
            }));

        control.MapGet("/downtimes", (StatusCatalog status) => ControlJson.Ok(new { downtimes = status.Downtimes }));

        control.MapPost("/downtimes", (HttpRequest request, StatusCatalog status) =>
            ControlJson.HandleAsync<DowntimesRequest>(request, replace =>
            {
                try { return ControlJson.Ok(new { downtimes = status.Replace(replace.Downtimes) }); }
                catch (InvalidDataException e) { return ControlJson.BadRequest(e.Message); }
            }));

        control.MapGet("/scheduler", (SlurmScheduler scheduler) => ControlJson.Ok(scheduler.Settings));

        control.MapPost("/scheduler", (HttpRequest request, SlurmScheduler scheduler) =>
            ControlJson.HandleAsync<SchedulerRequest>(request, pace =>
            {
                scheduler.Settings = pace.ApplyTo(scheduler.Settings);
                return ControlJson.Ok(scheduler.Settings);
            }));

        control.MapGet("/slurm", (SlurmRefusals refusals) => ControlJson.Ok(new { refusals = refusals.Mode }));

        control.MapPost("/slurm", (HttpRequest request, SlurmRefusals refusals) =>
            ControlJson.HandleAsync<SlurmRequest>(request, slurm =>
            {
                refusals.Mode = slurm.Refusals!;
                return ControlJson.Ok(new { refusals = refusals.Mode });
            }));

        // Revoked tokens stay revoked: the real gateway never un-revokes one either. Jobs and
        // streaming clusters go with the clock: one made "later" than a rewound clock would make no sense.
        control.MapPost("/reset", (FaultRegistry faults, EmulatedLatency latency, RequestLog log, EmulatorClock clock, StatusCatalog status,
            SlurmScheduler scheduler, SlurmRefusals refusals, StreamingService streaming, WireDialect dialect) =>
        {
            faults.Clear();
            latency.Milliseconds = 0;
            dialect.Reset();
            log.Clear();
            clock.Reset();
            status.Reset();
            scheduler.Reset();
            refusals.Reset();
            streaming.Reset();
            return Results.NoContent();
        });
    }
}
