using Microsoft.AspNetCore.Mvc;
using S3M.Emulator.Gateway;

namespace S3M.Emulator.Slurm;

/// <summary>
/// Slurm through S3M, under both compute prefixes. Reads take <c>compute-ace</c> or
/// <c>compute-ace-readonly</c>; submit and cancel only <c>compute-ace</c>. The literal
/// <c>job/submit</c> outranks <c>job/{job_id}</c>, so "submit" is never taken for an ID.
/// </summary>
internal static class SlurmEndpoints
{
    public static IReadOnlyList<string> Prefixes { get; } =
        ["/olcf/v1/slurm/{enclave}/{version}/{resource}", "/slurm/{enclave}/{version}/{resource}"];

    public static void MapSlurm(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in Prefixes)
        {
            var read = app.MapGroup(prefix).RequireToken(ScopeRequirement.ComputeRead);
            read.MapGet("/ping", (HttpContext http, SlurmService slurm) => slurm.Ping(http));
            read.MapGet("/partitions", (HttpContext http, SlurmService slurm) => slurm.Partitions(http));
            read.MapGet("/nodes", (HttpContext http, SlurmService slurm) => slurm.Nodes(http));
            read.MapGet("/reservations", (HttpContext http, SlurmService slurm) => slurm.Reservations(http));
            read.MapGet("/diag", (HttpContext http, SlurmService slurm) => slurm.Diag(http));
            read.MapGet("/jobs", (HttpContext http, SlurmService slurm) => slurm.Jobs(http));
            read.MapGet("/job/{job_id}", (HttpContext http, [FromRoute(Name = "job_id")] string jobId, SlurmService slurm) => slurm.Job(http, jobId));

            var write = app.MapGroup(prefix).RequireToken(ScopeRequirement.ComputeWrite);
            write.MapPost("/job/submit", (HttpContext http, SlurmService slurm) => slurm.SubmitAsync(http));
            write.MapDelete("/job/{job_id}", (HttpContext http, [FromRoute(Name = "job_id")] string jobId, string? signal, string? flags, SlurmService slurm) =>
                slurm.Cancel(http, jobId, signal, flags));
        }
    }
}
