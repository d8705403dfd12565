using System.Security.Cryptography;
using System.Text;

namespace S3M.Emulator.Control;

/// <summary>
/// The per-run key every <c>/_emulator/</c> call must carry: on a shared machine anyone can reach
/// 127.0.0.1, and the control endpoints mint tokens, read request bodies and steer clusters.
/// Kept, like the token files, in a file only its owner can read.
/// </summary>
internal sealed class ControlKey
{
    public const string HeaderName = "X-S3M-Emulator-Key";

    /// <summary>In the token folder, as one header line, for <c>curl -H @file</c>.</summary>
    public const string FileName = "control.key";

    private readonly byte[] hash;

    public ControlKey()
    {
        // 256 bits from the system's CSPRNG, as hex: safe in a header and in a file as it is.
        Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        hash = SHA256.HashData(Encoding.UTF8.GetBytes(Value));
    }

    public string Value { get; }

    /// <summary>True when exactly one value was sent and it is the key; compared as hashes in constant time, so neither content nor length leaks.</summary>
    public bool Matches(IReadOnlyList<string?> presented) =>
        presented is [{ } one] && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(one)), hash);

    /// <summary>Writes the key file (mode 600 on Unix) and returns its path.</summary>
    public string WriteFile(string directory) => PrivateFiles.Write(directory, FileName, $"{HeaderName}: {Value}\n");

    /// <summary>Lets a request through to a control endpoint only with the key; otherwise 401 and the handler never runs.</summary>
    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Matches(context.HttpContext.Request.Headers[HeaderName])
            ? await next(context)
            : Results.Json(
                new { error = $"the control endpoints need the {HeaderName} header: the emulator's key, in the file it printed after \"Control key in \"" },
                ControlJson.Options,
                statusCode: StatusCodes.Status401Unauthorized);
}
