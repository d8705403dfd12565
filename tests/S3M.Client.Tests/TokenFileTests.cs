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
        var path = PrivateFile("Authorization: " + Jwt + "\r\n");
        try
        {
            Assert.Equal(Jwt, Plain(Read(path)));
        }
        finally { File.Delete(path); }
        var e = Assert.Throws<S3mException>(() => Read(path));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Refuses_a_directory_without_reading_it()
    {
        var e = Assert.Throws<S3mException>(() => Read(Path.GetTempPath()));
        Assert.Equal("TokenPath", e.ParameterName);
        Assert.Contains("a directory, not a token file", e.Message);
    }

    [Fact]
    public async Task Refuses_a_fifo_at_once_instead_of_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = Path.Combine(Directory.CreateTempSubdirectory("s3m-fifo-").FullName, "token");
        Assert.Equal(0, Mkfifo(fifo, Convert.ToUInt32("600", 8)));
        try
        {
            var reading = Task.Run(() => Read(fifo));
            var finished = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(10))) == reading;
            if (!finished)
            {
                using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { } // let a blocked read end
            }

            Assert.True(finished, "reading a FIFO blocked, waiting for a writer");
            var e = await Assert.ThrowsAsync<S3mException>(() => reading);
            Assert.Contains("a FIFO (named pipe), not a token file", e.Message);
        }
        finally { Directory.Delete(Path.GetDirectoryName(fifo)!, recursive: true); }
    }

    [Fact]
    public async Task Opens_a_fifo_without_waiting_and_sees_what_it_opened()
    {
        // The check made on what was opened: it holds when the path is swapped after it was looked at.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = Path.Combine(Directory.CreateTempSubdirectory("s3m-fifo-").FullName, "token");
        Assert.Equal(0, Mkfifo(fifo, Convert.ToUInt32("600", 8)));
        try
        {
            var opening = Task.Run(() => UnixFile.OpenNonBlocking(fifo));
            var finished = await Task.WhenAny(opening, Task.Delay(TimeSpan.FromSeconds(10))) == opening;
            if (!finished)
            {
                using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            }

            Assert.True(finished, "opening a FIFO blocked, waiting for a writer");
            using var handle = await opening;
            Assert.NotNull(handle);
            var status = UnixFile.Status(handle!);
            Assert.False(status!.Value.IsRegularFile);
            Assert.Equal("a FIFO (named pipe)", status.Value.TypeName);
        }
        finally { Directory.Delete(Path.GetDirectoryName(fifo)!, recursive: true); }
    }

    [Fact]
    public async Task Never_reads_an_open_file_swapped_in_after_the_check()
    {
        // Another user who can write to the folder flips the path between a private file and an
        // open one of theirs: whatever the timing, their token is never taken.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("s3m-race-").FullName;
        var mine = PrivateFile("Authorization: " + Jwt);
        var theirs = PrivateFile("Authorization: their.token.value");
        File.SetUnixFileMode(theirs, (UnixFileMode)Convert.ToInt32("666", 8));
        var path = Path.Combine(folder, "token");
        File.CreateSymbolicLink(path, mine);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var flipper = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var next = Path.Combine(folder, "next");
                File.CreateSymbolicLink(next, i % 2 == 0 ? theirs : mine);
                File.Move(next, path, overwrite: true); // rename(2): the path always exists
            }
        });
        try
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                try { Assert.Equal(Jwt, Plain(Read(path))); reads++; }
                catch (S3mException e) { Assert.Contains("other users", e.Message); }
            }
            Assert.True(reads > 0, "no read found the private file");
        }
        finally
        {
            stop.Cancel();
            await flipper;
            Directory.Delete(folder, recursive: true);
            File.Delete(mine);
            File.Delete(theirs);
        }
    }

    [Fact]
    public void Refuses_a_file_of_another_user_unless_allowed()
    {
        if (OperatingSystem.IsWindows() || UnixFile.EffectiveUserId() != 0)
        {
            return; // only root can give a file away
        }

        var path = PrivateFile("Authorization: " + Jwt);
        try
        {
            Assert.Equal(0, Chown(path, 65534, 65534));
            var e = Assert.Throws<S3mException>(() => Read(path));
            Assert.Contains("belongs to another user (uid 65534)", e.Message);
            Assert.Equal(Jwt, Plain(TokenFile.Read(path, "TokenPath", allowUnprotected: true, out var warning)));
            Assert.Contains("another user", warning);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Shows_a_path_with_control_characters_harmlessly()
    {
        var e = Assert.Throws<S3mException>(() => Read("/tmp/no\u001b[31msuch\u0007.token"));
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.DoesNotContain('\u0007', e.Message);
    }

    [Fact]
    public void Refuses_a_device()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var e = Assert.Throws<S3mException>(() => Read("/dev/null"));
        Assert.Contains("a character device, not a token file", e.Message);
    }

    [Fact]
    public void Refuses_a_file_larger_than_a_token_file_can_be()
    {
        var path = PrivateFile("Authorization: " + new string('x', TokenFile.MaxTokenFileBytes));
        try
        {
            var e = Assert.Throws<S3mException>(() => Read(path));
            Assert.Contains("larger than 64 KiB", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("644")]
    [InlineData("640")]
    [InlineData("604")]
    [InlineData("620")]
    [InlineData("660")]
    public void Refuses_a_file_others_may_read_or_change_unless_allowed(string mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = PrivateFile("Authorization: " + Jwt);
        try
        {
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
            var e = Assert.Throws<S3mException>(() => Read(path));
            Assert.Equal("TokenPath", e.ParameterName);
            Assert.Contains($"(mode {mode})", e.Message);
            Assert.Contains($"chmod 600 '{path}'", e.Message);

            Assert.Equal(Jwt, Plain(TokenFile.Read(path, "TokenPath", allowUnprotected: true, out var warning)));
            Assert.Contains("chmod 600", warning);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Reads_a_private_file_without_a_warning()
    {
        var path = PrivateFile(Jwt);
        try
        {
            Assert.Equal(Jwt, Plain(TokenFile.Read(path, "TokenPath", allowUnprotected: false, out var warning)));
            Assert.Null(warning);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("Authorization: " + Jwt)]
    [InlineData("  " + Jwt + "\r\n")]
    [InlineData("\n" + Jwt + "\n")]
    public void Copies_a_given_token_cleaned_and_read_only_so_the_caller_may_dispose_theirs(string given)
    {
        var theirs = new SecureString();
        foreach (var c in given)
        {
            theirs.AppendChar(c);
        }

        var ours = TokenFile.Copy(theirs, "Token");
        theirs.Dispose();
        Assert.True(ours.IsReadOnly());
        Assert.Equal(Jwt, Plain(ours));
    }

    [Fact]
    public void Refuses_an_empty_or_disposed_token()
    {
        Assert.Contains("is empty", Assert.Throws<S3mException>(() => TokenFile.Copy(new SecureString(), "Token")).Message);
        var disposed = new SecureString();
        disposed.AppendChar('x');
        disposed.Dispose();
        Assert.Equal("Token", Assert.Throws<S3mException>(() => TokenFile.Copy(disposed, "Token")).ParameterName);
    }

    [Fact]
    public async Task Disposing_the_client_disposes_its_token_and_refuses_calls_before_sending()
    {
        var token = TokenFile.Parse(Jwt, "Token", "test");
        var client = new S3mClient(new S3mClientOptions { BaseUri = new Uri("https://localhost:9") }, token);
        client.Dispose();
        Assert.Throws<ObjectDisposedException>(() => token.Length);
        var e = await Assert.ThrowsAsync<S3mException>(() => client.Tokens.IntrospectAsync(false, CancellationToken.None));
        Assert.Equal(S3mErrorKind.NotConnected, e.Kind);
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

    private static SecureString Read(string path) => TokenFile.Read(path, "TokenPath", allowUnprotected: false, out _);

    /// <summary>A new file with mode 600 (on Unix), holding <paramref name="text"/>.</summary>
    private static string PrivateFile(string text)
    {
        var path = Path.GetTempFileName();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, text, new UTF8Encoding(true));
        return path;
    }

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown(string path, uint owner, uint group);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode);

    private static string Plain(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try { return Marshal.PtrToStringUni(pointer)!; }
        finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
    }
}
