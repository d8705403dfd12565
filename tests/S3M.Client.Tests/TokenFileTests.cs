using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using S3M.Tokens;
using S3M.Transport;

namespace S3M.Client.Tests;

public class TokenFileTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiIxMjMifQ.c2lnbmF0dXJl";

    [Theory]
    [InlineData(Jwt)]
    [InlineData("Authorization: " + Jwt)]
    [InlineData("authorization:" + Jwt)]
    [InlineData("\uFEFFAuthorization: " + Jwt + "\r\n")]
    [InlineData("  " + Jwt + "  \r\n\r\n")]
    [InlineData("\n\nAuthorization:   " + Jwt + "\t\n")]
    [InlineData("# my token for stf042\nAuthorization: " + Jwt)]
    public void Reads_the_token_in_every_tolerated_form(string text)
    {
        Assert.Equal(Jwt, Plain(TokenFile.Parse(text, "TokenPath", "file")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n")]
    [InlineData("Authorization:")]
    [InlineData("Authorization: Bearer " + Jwt)]
    [InlineData(Jwt + "\n" + Jwt)]
    [InlineData("one two")]
    public void Refuses_files_that_hold_no_single_token(string text)
    {
        var e = Assert.Throws<S3mException>(() => TokenFile.Parse(text, "TokenPath", "/tmp/t"));
        Assert.Equal("TokenPath", e.ParameterName);
        Assert.Contains("/tmp/t", e.Message);
    }

    [Fact]
    public void Errors_never_quote_the_file_content()
    {
        var e = Assert.Throws<S3mException>(() => TokenFile.Parse("secret-part-one secret-part-two", "TokenPath", "f"));
        Assert.DoesNotContain("secret", e.Message);
    }

    [Fact]
    public void Reads_files_and_names_missing_ones()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "Authorization: " + Jwt + "\r\n", new UTF8Encoding(true));
            Assert.Equal(Jwt, Plain(TokenFile.Read(path, "TokenPath")));
        }
        finally { File.Delete(path); }
        var e = Assert.Throws<S3mException>(() => TokenFile.Read(path, "TokenPath"));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Decodes_the_jwt_payload_without_the_key()
    {
        var payload = "{\"description\":\"ci runner\",\"type\":\"opat\",\"aud\":\"s3m\",\"nbf\":1764320400,\"iat\":\"1764320400\",\"jti\":\"0b6f5a0e-6c1d-4c55-9c1e-2f7a6f3f9d10\"}";
        var token = "eyJhbGciOiJIUzI1NiJ9." + Base64Url(payload) + ".sig";
        var jwt = JwtPayload.TryRead(token)!;
        Assert.Equal("0b6f5a0e-6c1d-4c55-9c1e-2f7a6f3f9d10", jwt.TokenId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764320400), jwt.IssuedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764320400), jwt.NotBefore);
        Assert.Equal("ci runner", jwt.Description);
        Assert.Equal("opat", jwt.Type);
        Assert.Equal("s3m", jwt.Audience);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.!!!.c")]
    [InlineData("a.W10.c")] // "[]": not an object
    [InlineData("a.e30x.c")]
    public void Anything_else_is_not_a_jwt(string token) => Assert.Null(JwtPayload.TryRead(token));

    internal static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Plain(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try { return Marshal.PtrToStringUni(pointer)!; }
        finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
    }
}
