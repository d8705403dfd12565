using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace S3M.Emulator.Tokens;

/// <summary>
/// Mints JWT-shaped project access tokens, signed with HMAC-SHA256 and a key made at start, and
/// checks presented ones. The JWT says only who it is (<c>jti</c>); project, scopes and expiry live
/// here, as on the real gateway, so a revoked or expired token fails however well it is signed.
/// </summary>
internal sealed class TokenService(EmulatorClock clock)
{
    // The account the emulator pretends made every token; introspect reports it as ownerName.
    private const string Owner = "auser";

    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, TokenRecord> tokens = new();

    // Presented tokens whose signature was already checked, by their exact text: a client sends the
    // same token on every call, and HMAC plus a JSON parse per request was the emulator's largest
    // cost under load (docs/performance.md). Revocation and expiry live on the record and are still
    // checked on every call.
    private readonly ConcurrentDictionary<string, TokenRecord> verified = new(StringComparer.Ordinal);
    private const int MaxVerified = 4096;

    public MintedToken Mint(TokenGrant grant)
    {
        var now = clock.GetUtcNow();
        var record = new TokenRecord
        {
            Id = Guid.NewGuid().ToString(),
            Project = grant.Project,
            Enclave = grant.Enclave,
            Scopes = grant.Scopes.ToArray(),
            ExpiresAt = now + grant.Lifetime,
            Description = grant.Description,
            OwnerName = Owner,
            Extensions = grant.Extensions,
        };
        tokens[record.Id] = record;

        var signingInput = EncodedHeader + "." + Base64Url.EncodeToString(Payload(record, now));
        return new MintedToken(signingInput + "." + Sign(signingInput), record.Id);
    }

    public bool TryValidate(string? raw, [NotNullWhen(true)] out TokenRecord? token, [NotNullWhen(false)] out string? problem)
    {
        token = null;
        if (raw is not null && verified.TryGetValue(raw, out var known))
        {
            return IsUsable(known, out token, out problem);
        }

        var parts = raw?.Split('.');
        if (parts is not { Length: 3 })
        {
            problem = "token is malformed";
            return false;
        }

        // Compare the signature as text: a changed character fails even where base64url would decode it to the same bytes.
        var expected = Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(parts[2])))
        {
            problem = "token signature is invalid";
            return false;
        }

        // A good signature means this emulator wrote the payload, so its jti is known.
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var record = tokens[payload.RootElement.GetProperty("jti").GetString()!];
        if (verified.Count >= MaxVerified)
        {
            verified.Clear();
        }

        verified[raw!] = record;
        return IsUsable(record, out token, out problem);
    }

    private bool IsUsable(TokenRecord record, [NotNullWhen(true)] out TokenRecord? token, [NotNullWhen(false)] out string? problem)
    {
        token = null;
        if (record.IsRevoked)
        {
            problem = "token has been revoked";
            return false;
        }

        if (clock.GetUtcNow() >= record.ExpiresAt)
        {
            problem = "token has expired";
            return false;
        }

        token = record;
        problem = null;
        return true;
    }

    private string Sign(string signingInput) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));

    private static byte[] Payload(TokenRecord record, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("description", record.Description);
            json.WriteString("type", "opat");
            json.WriteString("aud", "s3m");
            json.WriteNumber("nbf", now.ToUnixTimeSeconds());
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteString("jti", record.Id);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
