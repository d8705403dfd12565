using S3M.Emulator.Gateway;
using S3M.Emulator.Slurm.Wire;
using S3M.Emulator.Tokens;

namespace S3M.Emulator.Slurm;

/// <summary>
/// One Slurm request, resolved: the token that passed, the cluster and API version its path names,
/// and the <c>meta</c> its answer carries. Resolving refuses, as the gateway does, an enclave other
/// than the token's (403), and a resource or version S3M does not serve (404).
/// </summary>
internal sealed class SlurmCall
{
    private SlurmCall(TokenRecord token, SlurmCluster cluster, SlurmApiVersion version, DateTimeOffset now)
    {
        Token = token;
        Cluster = cluster;
        Version = version;
        Now = now;
    }

    public TokenRecord Token { get; }

    public SlurmCluster Cluster { get; }

    public SlurmApiVersion Version { get; }

    /// <summary>The clock read once, so one answer describes one moment.</summary>
    public DateTimeOffset Now { get; }

    public string Project => Token.Project;

    public static SlurmCall? Resolve(HttpContext http, SlurmCatalog catalog, EmulatorClock clock, out IResult? refusal)
    {
        if (GatewayAuth.TokenInPathEnclave(http, out refusal) is not { } token)
        {
            return null;
        }

        var route = http.Request.RouteValues;
        var versionName = route["version"] as string ?? "";
        var resource = route["resource"] as string ?? "";

        if (catalog.Find(resource) is not { } cluster)
        {
            refusal = GatewayError.Result(GrpcCode.NotFound, $"resource \"{resource}\" has no Slurm service");
            return null;
        }

        if (cluster.Serves(versionName) is not { } version)
        {
            refusal = GatewayError.Result(GrpcCode.NotFound,
                $"resource \"{resource}\" does not serve Slurm API {versionName}; it serves {string.Join(", ", cluster.Versions.Select(v => v.Name))}");
            return null;
        }

        return new SlurmCall(token, cluster, version, clock.GetUtcNow());
    }

    /// <summary>The <c>meta</c> of an answer from slurmctld, or from slurmdbd for the accounting shape.</summary>
    public Meta Meta(bool fromAccounting = false) => new(
        new MetaPlugin(
            fromAccounting ? "openapi/slurmdbd" : "openapi/slurmctld",
            fromAccounting ? "Slurm OpenAPI slurmdbd" : "Slurm OpenAPI slurmctld",
            Version.DataParser,
            "accounting_storage/slurmdbd"),
        new MetaClient("s3m.olcf.ornl.gov", SlurmIdentity.User(Project), SlurmIdentity.Group(Project)),
        new MetaSlurm(Cluster.ReleaseVersion, Cluster.Release, Cluster.Name));

    /// <summary>A job ID as the gateway takes it: digits, fewer than 10; else a 400.</summary>
    public static int? ParseJobId(string text, out IResult? refusal)
    {
        refusal = null;
        if (text.Length is > 0 and < 10 && text.All(char.IsAsciiDigit))
        {
            return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }

        refusal = GatewayError.Result(GrpcCode.InvalidArgument, $"invalid job_id \"{Printable(text)}\": it must be digits, fewer than 10");
        return null;
    }

    private static string Printable(string text) =>
        new(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
