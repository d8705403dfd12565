using Microsoft.Extensions.Primitives;
using S3M.Emulator.Gateway;
using S3M.Emulator.Tokens;

namespace S3M.Emulator.Tests;

/// <summary>The scope rule every compute and streaming route will use, checked where it lives.</summary>
public sealed class ScopeTests
{
    private readonly TokenService tokens = new(new EmulatorClock(TimeProvider.System));

    [Theory]
    [InlineData("compute-ace", "read", true)]
    [InlineData("compute-ace", "write", true)]
    [InlineData("compute-ace-readonly", "read", true)]
    [InlineData("compute-ace-readonly", "write", false)]
    [InlineData("data-streaming", "read", false)]
    [InlineData("data-streaming", "streaming", true)]
    [InlineData("compute-ace", "streaming", false)]
    public void ScopesOpenTheirServicesOnly(string scope, string call, bool allowed)
    {
        var token = tokens.Mint(new TokenGrant("stf042", [scope], "open", TimeSpan.FromHours(1), ""));

        var failure = GatewayAuth.Check(tokens, new StringValues(token.Token), Requirement(call), out var passed);

        Assert.Equal(allowed, failure is null);
        Assert.Equal(allowed, passed is not null);
        if (!allowed)
        {
            Assert.Equal(GrpcCode.PermissionDenied, failure!.Code);
        }
    }

    [Fact]
    public void RefusalNamesTheScopesThatWouldDo()
    {
        var token = tokens.Mint(new TokenGrant("stf042", ["data-streaming"], "open", TimeSpan.FromHours(1), ""));

        var failure = GatewayAuth.Check(tokens, new StringValues(token.Token), ScopeRequirement.ComputeRead, out _);

        Assert.Contains("'compute-ace'", failure!.Message);
        Assert.Contains("'compute-ace-readonly'", failure.Message);
    }

    [Fact]
    public void TwoAuthorizationHeadersAreRefused()
    {
        var token = tokens.Mint(new TokenGrant("stf042", ["compute-ace"], "open", TimeSpan.FromHours(1), "")).Token;

        var failure = GatewayAuth.Check(tokens, new StringValues([token, token]), null, out _);

        Assert.Equal(GrpcCode.Unauthenticated, failure!.Code);
    }

    private static ScopeRequirement Requirement(string call) => call switch
    {
        "read" => ScopeRequirement.ComputeRead,
        "write" => ScopeRequirement.ComputeWrite,
        _ => ScopeRequirement.Streaming,
    };
}
