using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

public sealed class TokenTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Fact]
    public async Task IntrospectDescribesTheToken()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace", "data-streaming"], "open", TimeSpan.FromHours(2), "ci run");

        var answer = await Http.IntrospectAsync(token.Token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var info = answer.Json.GetProperty("token");
        Assert.Equal("stf042_auser", info.GetProperty("username").GetString());
        Assert.Equal("stf042", info.GetProperty("project").GetString());
        Assert.Equal(["compute-ace", "data-streaming"], info.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("open", info.GetProperty("securityEnclave").GetString());
        Assert.Equal("ci run", info.GetProperty("description").GetString());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("ownerName").GetString()));
        var expiresIn = info.GetProperty("plannedExpiration").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn, TimeSpan.FromMinutes(119), TimeSpan.FromHours(2));
        Assert.False(info.Has("grpcPermissions"));
    }

    [Fact]
    public async Task IntrospectListsGrpcPermissionsOfTheScopesWhenAsked()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace-readonly"]);

        var permissions = (await Http.IntrospectAsync(token.Token, grpcPermissions: true)).Json
            .GetProperty("token").GetProperty("grpcPermissions").EnumerateArray().ToList();

        var paths = permissions.Select(p => p.GetProperty("path").GetString()).ToList();
        Assert.Contains("/slurm.v1.SlurmService/GetJob", paths);
        Assert.DoesNotContain("/slurm.v1.SlurmService/SubmitJob", paths);
        Assert.All(permissions, p => Assert.Equal("compute-ace-readonly", p.GetProperty("permission").GetString()));
    }

    [Fact]
    public void TokensAreJwtShaped()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"], description: "shape");

        var parts = token.Token.Split('.');

        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var claims = payload.RootElement;
        Assert.Equal(["description", "type", "aud", "nbf", "iat", "jti"], claims.EnumerateObject().Select(p => p.Name));
        Assert.Equal("opat", claims.GetProperty("type").GetString());
        Assert.Equal("s3m", claims.GetProperty("aud").GetString());
        Assert.InRange(claims.GetProperty("iat").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(token.TokenId, claims.GetProperty("jti").GetString());
        Assert.True(Guid.TryParse(token.TokenId, out _));
        Assert.Equal(32, Base64Url.DecodeFromChars(parts[2]).Length);
    }

    public static TheoryData<string, string?> BadTokens() => new()
    {
        { "missing", null },
        { "garbage", "not-a-token" },
        { "bearer", "Bearer {token}" },
        { "tampered signature", "{head}.{payload}.{signature-changed}" },
        { "tampered payload", "{head}.{payload-changed}.{signature}" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadTokensGetUnauthenticated(string why, string? pattern)
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        // The genuine token first: the emulator remembers verified tokens, and a near copy must not pass for one.
        Assert.Equal(HttpStatusCode.OK, (await Http.IntrospectAsync(token)).Status);
        var parts = token.Split('.');
        var presented = pattern?
            .Replace("{token}", token)
            .Replace("{head}", parts[0])
            .Replace("{payload-changed}", ChangeOneCharacter(parts[1]))
            .Replace("{payload}", parts[1])
            .Replace("{signature-changed}", ChangeOneCharacter(parts[2]))
            .Replace("{signature}", parts[2]);

        var answer = await Http.IntrospectAsync(presented);

        Assert.True(answer.Status == HttpStatusCode.Unauthorized, why);
        answer.AssertGrpcError(HttpStatusCode.Unauthorized, 16);
    }

    [Fact]
    public async Task ExpiredTokenIsRefusedOnceTheClockPassesItsExpiry()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"], lifetime: TimeSpan.FromMinutes(1)).Token;
        Assert.Equal(HttpStatusCode.OK, (await Http.IntrospectAsync(token)).Status);

        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(61));

        Assert.Contains("expired", (await Http.IntrospectAsync(token)).AssertGrpcError(HttpStatusCode.Unauthorized, 16));
    }

    [Fact]
    public async Task RevokeAnswersAnEmptyMessageAndTheTokenIsDeadForGood()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        var other = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        var revoke = await Http.SendAsync(HttpMethod.Delete, "/olcf/v1/token/ctls/revoke", token);

        Assert.Equal(HttpStatusCode.OK, revoke.Status);
        Assert.Equal("{}", revoke.Text);
        Assert.Contains("revoked", (await Http.IntrospectAsync(token)).AssertGrpcError(HttpStatusCode.Unauthorized, 16));
        (await Http.SendAsync(HttpMethod.Delete, "/olcf/v1/token/ctls/revoke", token)).AssertGrpcError(HttpStatusCode.Unauthorized, 16);
        await Http.ResetAsync();
        (await Http.IntrospectAsync(token)).AssertGrpcError(HttpStatusCode.Unauthorized, 16);
        Assert.Equal(HttpStatusCode.OK, (await Http.IntrospectAsync(other)).Status);
    }

    [Fact]
    public async Task TokenOfAnotherEmulatorIsRefused()
    {
        await using var another = await EmulatorHost.StartAsync(new EmulatorOptions());
        var foreign = another.MintToken("stf042", ["compute-ace"]).Token;

        (await Http.IntrospectAsync(foreign)).AssertGrpcError(HttpStatusCode.Unauthorized, 16);
    }

    [Fact]
    public async Task ControlEndpointMintsWorkingTokens()
    {
        var minted = (await Http.ControlAsync(HttpMethod.Post, "tokens",
            new { project = "csc100", scopes = new[] { "data-streaming" }, enclave = "open", expiresInSeconds = 600, description = "test" })).Json;

        var info = (await Http.IntrospectAsync(minted.GetProperty("token").GetString())).Json.GetProperty("token");

        Assert.Equal("csc100", info.GetProperty("project").GetString());
        Assert.Equal("test", info.GetProperty("description").GetString());
        var logged = Assert.Single(await Http.LoggedRequestsAsync());
        Assert.Equal(minted.GetProperty("tokenId").GetString(), logged.GetProperty("tokenId").GetString());
    }

    [Theory]
    [InlineData("""{"scopes":["compute-ace"]}""")]
    [InlineData("""{"project":"stf042","expiresIn":"2h"}""")]
    [InlineData("""{"project":"stf042","scopes":"compute-ace"}""")]
    [InlineData("not json")]
    public async Task ControlEndpointRefusesBadMintRequests(string body)
    {
        var answer = await Http.SendAsync(HttpMethod.Post, "/_emulator/tokens", body: body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.Json.Has("error"));
    }

    private static string ChangeOneCharacter(string part)
    {
        var middle = part.Length / 2;
        return part[..middle] + (part[middle] == 'A' ? 'B' : 'A') + part[(middle + 1)..];
    }
}
