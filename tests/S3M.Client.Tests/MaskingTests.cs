using System.Text;
using System.Text.Json;
using S3M.Streaming;

namespace S3M.Client.Tests;

/// <summary>
/// Streaming passwords never show: a property over random passwords of every printable ASCII
/// character and some beyond, in every URL shape the gateway might send. The seed is random and
/// printed on failure, so each run tries new passwords and a failure can be repeated.
/// </summary>
public class MaskingTests
{
    private const int Rounds = 2000;
    private static readonly string[] Beyond = { "é", "ü", "ß", "ñ", "中", "文", "🔑", "Ω", "\u00a0" };
    private static readonly string[] Hosts = { "h", "redis.apps.olcf.ornl.gov", "10.0.0.1", "[::1]" };

    [Theory]
    [InlineData("amqps://u:ab/cd@h/", "amqps://u:****@h/")]
    [InlineData("amqps://u:a?b#c@h:443/vhost", "amqps://u:****@h:443/vhost")]
    [InlineData("redis://s3cret@host:6379", "redis://****@host:6379")]
    [InlineData("redis://:p@ss@host", "redis://:****@host")]
    [InlineData("u:pw@host:443", "u:****@host:443")]
    [InlineData("https://mgmt.example.org:15671/", "https://mgmt.example.org:15671/")]
    [InlineData("https://h/a?user=x@y", "https://****@y")] // '@' after the host: masked further, never less
    [InlineData("rediss://host:6379/0?password=73194412", "rediss://host:6379/0?password=****")]
    [InlineData("rediss://host/0?db=1;Pass%77ord=x&ssl=true#f", "rediss://host/0?db=1;Pass%77ord=****&ssl=true#f")]
    [InlineData("amqps://u:p@h/?auth_token=abc&x=1", "amqps://u:****@h/?auth_token=****&x=1")]
    [InlineData("what? no url", "what? no url")]
    public void Masks_the_userinfo_after_its_first_colon_or_all_of_it(string url, string masked) =>
        Assert.Equal(masked, Secrets.MaskUrl(url));

    [Fact]
    public void No_password_survives_masking_in_any_url_shape()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var i = 0; i < Rounds; i++)
        {
            var password = Password(random);
            var (url, tail) = Url(random, password, out var user);
            var masked = Secrets.MaskUrl(url)!;
            Assert.False(masked.Contains(password, StringComparison.Ordinal), $"seed {seed}: {url} came back as {masked}");
            // Only the userinfo goes: the host and what follows stay readable.
            Assert.EndsWith("@" + tail, masked);
            if (user != null)
            {
                Assert.StartsWith(url.Substring(0, url.IndexOf("://", StringComparison.Ordinal) + 3) + user + ":", masked);
            }
        }
    }

    [Fact]
    public void No_password_survives_in_a_cluster_read_from_any_answer()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var i = 0; i < Rounds / 4; i++)
        {
            var password = Password(random);
            var (url, _) = Url(random, password, out _);
            var (mgmt, _) = Url(random, password, out _);
            var answer = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["name"] = "c1",
                ["username"] = "u",
                ["password"] = password,
                [random.Next(2) == 0 ? "redisUrl" : "amqpsUrl"] = url,
                ["mgmtUrl"] = mgmt,
                // Fields the module does not know, as a gateway might add them.
                ["connection"] = new Dictionary<string, string> { ["secretKey"] = password, ["dsn"] = $"host=h auth={password}", ["plain"] = $"u:{password}@h:6379" },
                ["query"] = $"rediss://h:6379/0?{SecretNames[random.Next(SecretNames.Length)]}={Uri.EscapeDataString(password)}",
            });
            var info = StreamingClusterInfo.Read(JsonDocument.Parse(answer).RootElement, StreamingEngine.Redis, DateTimeOffset.UtcNow);
            foreach (var shown in new[] { info.Url, info.ManagementUrl }.Concat(Strings(info.Raw)))
            {
                Assert.False(shown != null && shown.Contains(password, StringComparison.Ordinal), $"seed {seed}: the password shows in '{shown}'");
            }
        }
    }

    [Theory]
    [InlineData("{\"password\":73194412}", "73194412")]
    [InlineData("{\"password\":{\"value\":\"hunter2hunter2\"}}", "hunter2hunter2")]
    [InlineData("{\"passwd\":\"s3cr3t-value\"}", "s3cr3t-value")]
    [InlineData("{\"auth\":{\"token\":[\"t0k3n-value\"]}}", "t0k3n-value")]
    [InlineData("{\"apiKey\":\"k3y-value\"}", "k3y-value")]
    [InlineData("{\"note\":\"user:pw-value@host\"}", "pw-value")]
    public void Masks_secrets_of_any_shape_under_any_secret_name(string json, string secret)
    {
        var info = StreamingClusterInfo.Read(JsonDocument.Parse(json).RootElement, StreamingEngine.Redis, DateTimeOffset.UtcNow);
        Assert.DoesNotContain(Strings(info.Raw), s => s.Contains(secret, StringComparison.Ordinal));
    }

    private static readonly string[] SecretNames = { "password", "Password", "pass", "pwd", "secret", "token", "auth", "apikey", "access_key" };

    /// <summary>8 to 32 characters: printable ASCII, and now and then one from beyond.</summary>
    private static string Password(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(8, 33);
        while (text.Length < length)
        {
            text.Append(random.Next(8) == 0 ? Beyond[random.Next(Beyond.Length)] : ((char)random.Next(0x20, 0x7F)).ToString());
        }

        return text.ToString();
    }

    /// <summary>A URL holding the password, and what follows its userinfo (the host onwards, without '@').</summary>
    private static (string Url, string Tail) Url(Random random, string password, out string? user)
    {
        var scheme = new[] { "amqps", "redis", "rediss", "https" }[random.Next(4)];
        var tail = Hosts[random.Next(Hosts.Length)]
                   + (random.Next(2) == 0 ? ":" + random.Next(1, 65536) : "")
                   + new[] { "", "/", "/vhost", "/0" }[random.Next(4)]
                   + (random.Next(3) == 0 ? "?ssl=true" : "")
                   + (random.Next(4) == 0 ? "#frag" : "");
        user = random.Next(4) == 0 ? null : "user" + random.Next(100);
        return ($"{scheme}://{(user == null ? "" : user + ":")}{password}@{tail}", tail);
    }

    /// <summary>Every property name and string value, decoded: the raw JSON text escapes some characters.</summary>
    private static IEnumerable<string> Strings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var s in Strings(property.Value))
                    {
                        yield return s;
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var s in element.EnumerateArray().SelectMany(Strings))
                {
                    yield return s;
                }

                break;
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Number:
                yield return element.GetRawText();
                break;
        }
    }
}
