using System.Text;
using System.Text.Json;
using S3M.Slurm;
using S3M.Streaming;
using S3M.Tokens;
using S3M.Transport;

namespace S3M.Client.Tests.Fuzz;

/// <summary>
/// Thousands of generated bad values through the validators and the JSON readers: each either
/// accepts, or refuses with an S3mException, and nothing else may escape. Where a value becomes
/// part of a path, what is accepted is also checked for where it leads. Seeded, so a failure repeats.
/// </summary>
public class FuzzTests
{
    private const int Rounds = 3000;

    private static readonly string[] Nasty =
    {
        "", " ", "..", "../", "..\\", "%2F", "%2e%2e", "a/b", "a b", "\t", "\n", "\r\n", "\0", "\u001b[31m", "\u202e", "💥",
        "odo", "v0.0.44", "-1", "0", "2147483648", "9223372036854775808", "1e309", "NaN", "null", "true", "{}", "[]",
        "Authorization: x", "SIG", "SIGKILL;rm", new string('a', 300), new string('9', 40), "\"", "'", "`", "$(id)", "*", "?",
    };

    private static string RandomText(Random random)
    {
        if (random.Next(3) == 0)
        {
            return Nasty[random.Next(Nasty.Length)];
        }

        var length = random.Next(0, random.Next(2) == 0 ? 12 : 400);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(10) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(0xD800, 0xE000), // lone surrogates
                2 => "/\\%.:@?#&=+ "[random.Next(12)],
                _ => (char)random.Next(32, 0x3000),
            };
        }

        return new string(chars) + (random.Next(4) == 0 ? Nasty[random.Next(Nasty.Length)] : "");
    }

    /// <summary>Runs <paramref name="action"/>; only an S3mException may come out.</summary>
    private static void Survives(Action action)
    {
        try { action(); }
        catch (S3mException) { }
    }

    [Fact]
    public void Validators_refuse_bad_text_cleanly()
    {
        var random = new Random(20261128);
        for (var i = 0; i < Rounds; i++)
        {
            var text = RandomText(random);
            AssertStaysInItsSegment(text);
            Survives(() => SlurmApiVersions.Check(text, "ApiVersion"));
            Survives(() => SlurmClient.CheckSignal(text));
            Survives(() => TokenFile.Parse(text, "TokenPath", "fuzz"));
            Survives(() => JsonBody.From(text, "Body"));
            if (Uri.TryCreate("http://" + text, UriKind.Absolute, out var uri))
            {
                Survives(() => LoopbackRule.Check(uri, "BaseUri"));
            }

            Assert.Null(Record.Exception(() => JwtPayload.TryRead(text)));
            Assert.Null(Record.Exception(() => RetryPolicy.ParseRetryAfter(text, DateTimeOffset.UtcNow)));
            Assert.Null(Record.Exception(() => Secrets.MaskUrl(text)));
            var request = new ProvisionRequest { Engine = random.Next(2) == 0 ? StreamingEngine.Redis : StreamingEngine.RabbitMQ, Name = text, Kind = random.Next(2) == 0 ? null : RandomText(random) };
            request.SetResourceSetting(random.Next(2) == 0 ? "cpus" : RandomText(random), random.Next(3) switch { 0 => -random.Next(), 1 => long.MaxValue, _ => random.Next(0, 64) }, "ResourceSetting");
            Survives(() => request.Check(Backends));
            Survives(() => new SlurmJobDescription().Set(RandomText(random), RandomText(random), "Property"));
        }
    }

    /// <summary>
    /// A value Segment accepts is one path segment once .NET has built and normalised the URI:
    /// never '.' or '..', nothing that becomes a separator, and it reads back as itself.
    /// </summary>
    private static void AssertStaysInItsSegment(string text)
    {
        string escaped;
        try { escaped = S3mRoutes.Segment(text, "Name"); }
        catch (S3mException e)
        {
            Assert.Equal(S3mErrorKind.InvalidArgument, e.Kind);
            return;
        }
        Assert.NotEqual(".", text);
        Assert.NotEqual("..", text);
        var uri = new Uri("https://s3m.example.org/p/" + escaped + "/q");
        Assert.True(uri.AbsolutePath == "/p/" + escaped + "/q", $"'{text}' became {uri.AbsolutePath}");
        Assert.Equal(4, uri.Segments.Length);
        Assert.DoesNotContain('/', Uri.UnescapeDataString(escaped));
        Assert.DoesNotContain('\\', Uri.UnescapeDataString(escaped));
    }

    [Fact]
    public void Segments_refuse_every_way_of_spelling_a_dot_segment()
    {
        foreach (var dots in new[] { ".", "..", "%2e", "%2e%2e", ".%2e", "%2E.", "..\\", "\\..", "../", "/..", "..;", " ..", ".. " })
        {
            var e = Assert.Throws<S3mException>(() => S3mRoutes.Segment(dots, "Name"));
            Assert.Equal("Name", e.ParameterName);
        }
    }

    private static readonly string[] PathPieces =
    {
        "..", ".", "/", "/", "\\", "%2e", "%2E", "%2f", "%2F", "%5c", "%5C", "%2e%2e", ".%2e", "%252e", "%25", "%",
        "jobs", "job", "1", "odo", "token", "ctls", "revoke", ";", "?", "=", "&", "#", "~", "%41", "%C3%B6", "ö", " ", "\t", "@", ":", "//",
    };

    /// <summary>
    /// Generated paths under a Slurm resource of a gateway behind a path: whatever the transport
    /// accepts leads, once normalised, under the resource on the gateway's own origin; the rest is
    /// refused as -Path, before anything could be sent.
    /// </summary>
    [Fact]
    public void An_accepted_path_always_stays_under_its_prefix()
    {
        var options = new S3mClientOptions { BaseUri = new Uri("https://s3m.example.org/gw") };
        var transport = new S3mTransport(options, null);
        var scope = S3mRoutes.SlurmScope(options, "v0.0.44", "odo");
        var random = new Random(4242);
        int accepted = 0, refused = 0;
        for (var i = 0; i < Rounds * 3; i++)
        {
            var tail = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(8) == 0 ? RandomText(random) : PathPieces[random.Next(PathPieces.Length)]));
            var request = new S3mRequest("DELETE", S3mRoutes.Slurm(options, "v0.0.44", "odo", tail)) { Scope = scope };
            Uri uri;
            try { uri = transport.Target(request); }
            catch (S3mException e)
            {
                Assert.True(e.Kind == S3mErrorKind.InvalidArgument && e.ParameterName == "Path", $"{tail}: {e.Kind} {e.ParameterName} {e.Message}");
                refused++;
                continue;
            }
            accepted++;
            Assert.Equal("https://s3m.example.org", uri.GetLeftPart(UriPartial.Authority));
            Assert.True(uri.AbsolutePath.StartsWith("/gw/olcf/v1/slurm/open/v0.0.44/odo/", StringComparison.Ordinal), $"'{tail}' leads to {uri.AbsolutePath}");
            Assert.DoesNotContain("%2f", uri.AbsolutePath, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("%5c", uri.AbsolutePath, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/../", uri.AbsolutePath + "/");
        }
        // Both sides were exercised, so the property says something.
        Assert.True(accepted > Rounds / 2 && refused > Rounds / 2, $"{accepted} accepted, {refused} refused");
    }

    private static readonly StreamingBackend[] Backends = StreamingBackendsFrom("""
        {"backends":[{"engine":"redis","kind":"general","resourceOptions":[{"key":"cpus","min":"1","max":"8"}]},
                     {"engine":"rabbitmq","kind":"general","resourceOptions":[{"key":"cpus","min":1,"max":8},{"key":"nodes","min":1,"max":5}]},
                     {"engine":"rabbitmq","kind":"stream"}]}
        """);

    private static StreamingBackend[] StreamingBackendsFrom(string json) =>
        JsonDocument.Parse(json).RootElement.Clone().Objects("backends").Select(StreamingBackend.Read).ToArray();

    /// <summary>A random JSON value whose fields use the names the readers look for, with the wrong shapes.</summary>
    private static void WriteValue(Utf8JsonWriter writer, Random random, int depth)
    {
        switch (depth > 4 ? random.Next(6) : random.Next(8))
        {
            case 0: writer.WriteStringValue(RandomText(random)); break;
            case 1: writer.WriteNumberValue(random.Next(4) == 0 ? long.MinValue : random.NextInt64(-5, long.MaxValue)); break;
            case 2: writer.WriteNumberValue(random.NextDouble() * Math.Pow(10, random.Next(-5, 300))); break;
            case 3: writer.WriteBooleanValue(random.Next(2) == 0); break;
            case 4: writer.WriteNullValue(); break;
            case 5: writer.WriteStringValue(random.Next(2) == 0 ? "2026-11-28T10:00:00Z" : random.NextInt64().ToString()); break;
            case 6:
                writer.WriteStartArray();
                for (var i = random.Next(4); i > 0; i--)
                {
                    WriteValue(writer, random, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                for (var i = random.Next(8); i > 0; i--)
                {
                    writer.WritePropertyName(random.Next(4) == 0 ? RandomText(random) : FieldNames[random.Next(FieldNames.Length)]);
                    WriteValue(writer, random, depth + 1);
                }
                writer.WriteEndObject();
                break;
        }
    }

    private static readonly string[] FieldNames =
    {
        "name", "status", "annotations", "upcomingDowntimes", "retrievedAt", "start", "end", "attributes", "scheduled", "token",
        "permissions", "plannedExpiration", "grpcPermissions", "extensions", "job_id", "job_state", "state", "current", "time",
        "elapsed", "limit", "exit_code", "return_code", "signal", "id", "set", "infinite", "number", "node_count", "cpus",
        "time_limit", "start_time", "nodes", "partitions", "defaults", "maximums", "statistics", "pings", "latency", "meta",
        "slurm", "version", "release", "lifetime", "secondsRemaining", "secondsLifetime", "resourceSettings", "featureFlags",
        "password", "url", "amqpsUrl", "redisUrl", "resourceOptions", "min", "max", "errors", "warnings", "code", "message", "details",
    };

    [Fact]
    public void Json_readers_never_throw_on_any_shape()
    {
        var random = new Random(1128);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Rounds; i++)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                WriteValue(writer, random, 0);
            }

            var text = Encoding.UTF8.GetString(stream.ToArray());
            var e = JsonDocument.Parse(text).RootElement.Clone();
            var failure = Record.Exception(() =>
            {
                ResourceStatus.Read(e);
                Downtime.Read(e);
                TokenInfo.Read(e, null);
                SlurmJob.Read(e, "odo", "v0.0.44", now);
                SlurmPartition.Read(e, "odo");
                SlurmNode.Read(e, "odo");
                SlurmReservation.Read(e, "odo");
                SlurmDiagnostic.Read(e, "odo", "v0.0.44");
                SlurmPing.Read(e, e, "odo", "v0.0.44");
                StreamingBackend.Read(e);
                StreamingClusterInfo.Read(e, StreamingEngine.Redis, now);
                Secrets.Redact(e);
                GatewayJson.ToPlain(e);
                ErrorMapper.FromResponse("GET", "/x", 500, null, "application/json", text, null);
            });
            if (failure is S3mException)
            {
                failure = null; // Slurm errors[] may throw: that is the point of them
            }

            Assert.True(failure == null, $"round {i}: {failure?.GetType().Name}: {failure?.Message}\n{text}");
            Survives(() => SlurmMeta.Check(e, "GET", "/x"));
        }
    }

    [Fact]
    public void Error_bodies_of_any_bytes_map_to_one_clear_error()
    {
        var random = new Random(7);
        for (var i = 0; i < Rounds; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var body = Encoding.UTF8.GetString(bytes);
            var e = ErrorMapper.FromResponse("POST", "/p", 400 + random.Next(200), null, random.Next(2) == 0 ? "text/html" : null, body, null);
            Assert.StartsWith("S3M answered", e.Message);
            Assert.DoesNotContain(e.Message.ToCharArray(), c => char.IsControl(c));
        }
    }
}
