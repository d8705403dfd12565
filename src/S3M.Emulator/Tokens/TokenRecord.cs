namespace S3M.Emulator.Tokens;

/// <summary>What the emulator knows about a token it minted, keyed by the JWT's <c>jti</c>.</summary>
internal sealed class TokenRecord
{
    private volatile bool revoked;

    public required string Id { get; init; }

    public required string Project { get; init; }

    public required string Enclave { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string Description { get; init; }

    public required string OwnerName { get; init; }

    /// <summary>How often the token's life was extended; the gateway reports it as <c>extensions</c>.</summary>
    public long Extensions { get; init; }

    public bool IsRevoked => revoked;

    public void Revoke() => revoked = true;
}
