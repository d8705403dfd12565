using S3M.Emulator.Slurm;

namespace S3M.Emulator.Tokens;

/// <summary>The answer of <c>GET /olcf/v1/token/ctls/introspect</c>.</summary>
internal sealed record IntrospectAnswer(IntrospectedToken Token);

/// <summary>
/// A token as introspect describes it. Emulator tokens are never one-time or delayed, so
/// <c>oneTimeToken</c>, <c>delayedStart</c> and <c>delayDate</c> are always zero and, as on the
/// gateway, left out; they have no property here.
/// </summary>
internal sealed record IntrospectedToken
{
    public required string Username { get; init; }

    public required string Project { get; init; }

    public required IReadOnlyList<string> Permissions { get; init; }

    public required DateTimeOffset PlannedExpiration { get; init; }

    public required string SecurityEnclave { get; init; }

    public required string Description { get; init; }

    public required string OwnerName { get; init; }

    public long Extensions { get; init; }

    public IReadOnlyList<GrpcPermission>? GrpcPermissions { get; init; }

    public static IntrospectedToken Describe(TokenRecord token, bool withGrpcPermissions) => new()
    {
        Username = SlurmIdentity.User(token.Project),
        Project = token.Project,
        Permissions = token.Scopes,
        PlannedExpiration = token.ExpiresAt,
        SecurityEnclave = token.Enclave,
        Description = token.Description,
        OwnerName = token.OwnerName,
        Extensions = token.Extensions,
        GrpcPermissions = withGrpcPermissions ? GrpcPermission.For(token.Scopes) : null,
    };
}

/// <summary>
/// One gRPC method a token may call and the scope that grants it. The method names are the
/// emulator's invention: S3M publishes its services only as REST paths.
/// </summary>
internal sealed record GrpcPermission(string Path, string Permission)
{
    private const string Slurm = "/slurm.v1.SlurmService/";
    private const string Streaming = "/streaming.v1alpha.StreamingService/";

    private static readonly string[] SlurmReads =
        ["Ping", "ListPartitions", "GetJob", "ListJobs", "ListNodes", "ListReservations", "GetDiagnostics"];

    private static readonly Dictionary<string, string[]> PathsByScope = new()
    {
        ["compute-ace"] = [.. SlurmReads.Concat(["SubmitJob", "CancelJob"]).Select(m => Slurm + m)],
        ["compute-ace-readonly"] = [.. SlurmReads.Select(m => Slurm + m)],
        ["data-streaming"] =
            [.. new[] { "ListBackends", "ProvisionCluster", "ListClusters", "GetCluster", "ExtendCluster", "DeleteCluster" }
                .Select(m => Streaming + m)],
    };

    public static IReadOnlyList<GrpcPermission> For(IEnumerable<string> scopes) =>
        [.. scopes.SelectMany(scope => PathsByScope.GetValueOrDefault(scope, []).Select(path => new GrpcPermission(path, scope)))];
}
