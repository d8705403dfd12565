namespace S3M.Emulator.Tokens;

/// <summary>What a new token may do and for how long.</summary>
internal sealed record TokenGrant(
    string Project,
    IReadOnlyList<string> Scopes,
    string Enclave,
    TimeSpan Lifetime,
    string Description,
    long Extensions = 0);
