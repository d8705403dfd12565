using System;
using System.Text;
using System.Text.Json;
using S3M.Transport;

namespace S3M.Tokens;

/// <summary>
/// What an OLCF token's JWT payload says, read without the key (the signature is the
/// gateway's business): <c>jti</c>, <c>iat</c>, <c>nbf</c>, <c>description</c>, <c>type</c>, <c>aud</c>.
/// </summary>
public sealed class JwtPayload
{
    public string? TokenId { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }
    public DateTimeOffset? NotBefore { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public string? Description { get; private set; }
    public string? Type { get; private set; }
    public string? Audience { get; private set; }

    /// <summary>The payload of <paramref name="token"/>, or null when it is not JWT-shaped.</summary>
    public static JwtPayload? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url(parts[1]));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new JwtPayload
            {
                TokenId = root.NonEmptyString("jti"),
                IssuedAt = GatewayJson.FromUnixSeconds(root.Int64("iat")),
                NotBefore = GatewayJson.FromUnixSeconds(root.Int64("nbf")),
                ExpiresAt = GatewayJson.FromUnixSeconds(root.Int64("exp")),
                Description = root.NonEmptyString("description"),
                Type = root.NonEmptyString("type"),
                Audience = root.Field("aud")?.ValueKind == JsonValueKind.Array ? string.Join(",", root.Strings("aud")) : root.NonEmptyString("aud"),
            };
        }
        catch (Exception e) when (e is FormatException || e is JsonException || e is ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        switch (s.Length % 4)
        {
            case 2: s += "=="; break;
            case 3: s += "="; break;
            case 1: throw new FormatException("not base64url");
        }
        return Convert.FromBase64String(s);
    }
}
