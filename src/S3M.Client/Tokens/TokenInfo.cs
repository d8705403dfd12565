using System;
using System.Linq;
using System.Text.Json;
using S3M.Transport;

namespace S3M;

/// <summary>What S3M says about a token (introspection), with the JWT's own ID and issue time.</summary>
public sealed class TokenInfo : IRawAnswer
{
    public string? Username { get; internal set; }
    public string? Project { get; internal set; }
    public S3mList<string> Permissions { get; internal set; } = S3mList<string>.Empty;
    public DateTimeOffset? PlannedExpiration { get; internal set; }
    public string? SecurityEnclave { get; internal set; }
    public string? Description { get; internal set; }
    public bool OneTimeToken { get; internal set; }
    public bool DelayedStart { get; internal set; }
    public DateTimeOffset? DelayDate { get; internal set; }
    public string? OwnerName { get; internal set; }
    /// <summary>How many times the token was extended; 0 when S3M leaves the count out (protobuf's zero).</summary>
    public long Extensions { get; internal set; }
    public string? TokenId { get; internal set; }
    public DateTimeOffset? IssuedAt { get; internal set; }
    public S3mList<CallPermission> CallPermissions { get; internal set; } = S3mList<CallPermission>.Empty;
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    /// <summary>Time left before the planned expiration, from <paramref name="now"/>.</summary>
    public TimeSpan? RemainingAt(DateTimeOffset now) => PlannedExpiration - now;

    public override string ToString() => $"{Project} token {TokenId} ({string.Join(", ", Permissions)})";

    internal static TokenInfo Read(JsonElement answer, Tokens.JwtPayload? jwt)
    {
        var token = answer.Field("token") ?? answer;
        return new TokenInfo
        {
            Username = token.NonEmptyString("username"),
            Project = token.NonEmptyString("project"),
            Permissions = token.Strings("permissions").ToS3mList(),
            PlannedExpiration = token.Time("plannedExpiration"),
            SecurityEnclave = token.NonEmptyString("securityEnclave"),
            Description = token.NonEmptyString("description") ?? jwt?.Description,
            OneTimeToken = token.Bool("oneTimeToken"),
            DelayedStart = token.Bool("delayedStart"),
            DelayDate = token.Time("delayDate"),
            OwnerName = token.NonEmptyString("ownerName"),
            Extensions = token.Int64("extensions") ?? 0,
            TokenId = jwt?.TokenId,
            IssuedAt = jwt?.IssuedAt,
            CallPermissions = token.Objects("grpcPermissions")
                .Select(p => new CallPermission { Path = p.NonEmptyString("path"), Permission = p.NonEmptyString("permission") })
                .ToS3mList(),
            Raw = answer,
        };
    }
}

/// <summary>One gRPC call a token may make, and how (from introspection with call permissions).</summary>
public sealed class CallPermission
{
    public string? Path { get; internal set; }
    public string? Permission { get; internal set; }
    public override string ToString() => $"{Path} {Permission}";
}
