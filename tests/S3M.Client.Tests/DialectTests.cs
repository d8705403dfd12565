using System.Text.Json;
using S3M.Transport;

namespace S3M.Client.Tests;

public class DialectTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Sixty_four_bit_numbers_read_from_strings_and_numbers()
    {
        var e = Json("""{"a":"1764320400","b":1764320400,"c":"x","d":1.5e3,"e":"9223372036854775807"}""");
        Assert.Equal(1764320400L, e.Int64("a"));
        Assert.Equal(1764320400L, e.Int64("b"));
        Assert.Null(e.Int64("c"));
        Assert.Equal(1500L, e.Int64("d"));
        Assert.Equal(long.MaxValue, e.Int64("e"));
        Assert.Null(e.Int64("missing"));
    }

    [Fact]
    public void Missing_zero_fields_read_as_their_zero()
    {
        var e = Json("""{"name":"odo"}""");
        Assert.False(e.Bool("downtimeScheduleAvailable"));
        Assert.Null(e.NonEmptyString("description"));
        Assert.Empty(e.Strings("permissions"));
        Assert.Empty(e.StringMap("annotations"));
        Assert.Empty(e.Objects("upcomingDowntimes"));
    }

    [Theory]
    [InlineData("2026-11-28T10:00:00Z")]
    [InlineData("2026-11-28T10:00:00.123456789Z")]
    [InlineData("2026-11-28T05:00:00-05:00")]
    public void Times_read_in_rfc3339_forms_as_utc(string text)
    {
        var time = Json($$"""{"t":"{{text}}"}""").Time("t")!.Value;
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void Zero_and_bad_times_read_as_null()
    {
        var e = Json("""{"a":"1970-01-01T00:00:00Z","b":"0001-01-01T00:00:00Z","c":"soon","d":12}""");
        Assert.Null(e.Time("a"));
        Assert.Null(e.Time("b"));
        Assert.Null(e.Time("c"));
        Assert.Null(e.Time("d"));
    }

    [Fact]
    public void Resource_keeps_unknown_fields_in_raw()
    {
        var answer = Json("""
            {"name":"odo","status":"DEGRADED","systemType":"compute","annotations":{"queue":"short"},
             "upcomingDowntimes":[{"resourceName":"odo","start":"2026-12-01T08:00:00Z","end":"2026-12-01T12:00:00Z","attributes":{"scheduled":true}}],
             "retrievedAt":"2026-11-28T04:00:00.5Z","newField":{"x":"1"}}
            """);
        var r = ResourceStatus.Read(answer);
        Assert.Equal("odo", r.Name);
        Assert.Equal("DEGRADED", r.Status);
        Assert.False(r.IsOperational);
        Assert.Equal("short", r.Annotations["queue"]);
        var d = Assert.Single(r.UpcomingDowntimes);
        Assert.Equal(TimeSpan.FromHours(4), d.Duration);
        Assert.True(d.Scheduled);
        Assert.False(d.Reboot);
        Assert.Equal("UNSPECIFIED", d.Status);
        Assert.Equal("1", r.Raw.GetProperty("newField").GetProperty("x").GetString());
    }

    [Fact]
    public void Introspection_reads_every_field_and_leaves_empty_ones_null()
    {
        var answer = Json("""
            {"token":{"username":"stf042_auser","project":"stf042","permissions":["compute-ace","data-streaming"],
             "plannedExpiration":"2026-12-28T00:00:00Z","securityEnclave":"open","oneTimeToken":true,"delayDate":"",
             "ownerName":"Ada","extensions":"2","grpcPermissions":[{"path":"/slurm.v1.Slurm/Submit","permission":"write"}]}}
            """);
        var t = TokenInfo.Read(answer, null);
        Assert.Equal("stf042", t.Project);
        Assert.Equal(new[] { "compute-ace", "data-streaming" }, t.Permissions);
        Assert.True(t.OneTimeToken);
        Assert.False(t.DelayedStart);
        Assert.Null(t.DelayDate);
        Assert.Null(t.Description);
        Assert.Equal(2L, t.Extensions);
        Assert.Equal("/slurm.v1.Slurm/Submit", Assert.Single(t.CallPermissions).Path);
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 0, 0, 0, TimeSpan.Zero), t.PlannedExpiration);
    }

    [Fact]
    public void Counts_left_out_read_as_zero_and_absent_objects_as_unknown()
    {
        var token = TokenInfo.Read(Json("""{"token":{"project":"stf042"}}"""), null);
        var node = SlurmNode.Read(Json("""{"name":"odo06","state":["DOWN"]}"""), "odo");
        var reservation = SlurmReservation.Read(Json("""{"name":"maint"}"""), "odo");
        var partition = SlurmPartition.Read(Json("""{"name":"empty","nodes":{},"cpus":{}}"""), "odo");
        var bare = SlurmPartition.Read(Json("""{"name":"bare"}"""), "odo");
        var cluster = new S3M.Streaming.StreamingClusterInfo();
        S3M.Streaming.StreamingClusterInfo.ReadLifetime(cluster, Json("""{"provisionedAt":"2026-11-28T10:00:00Z"}"""), new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(0, token.Extensions);
        Assert.Equal(0, node.Cpus);
        Assert.Equal(0, node.MemoryMiB);
        Assert.Equal(0, node.AllocatedCpus);
        Assert.Equal(0, reservation.NodeCount);
        Assert.Empty(reservation.Users);
        Assert.Equal(0, partition.NodeCount);
        Assert.Equal(0, partition.Cpus);
        Assert.Null(bare.NodeCount);
        Assert.Null(bare.Cpus);
        Assert.Equal(TimeSpan.Zero, cluster.Lifetime);
        Assert.Equal(TimeSpan.Zero, cluster.Remaining);
        Assert.Null(cluster.ExtendedAt);
    }

    [Fact]
    public void Plain_values_keep_order_and_string_numbers()
    {
        var plain = (System.Collections.Specialized.OrderedDictionary)GatewayJson.ToPlain(Json("""{"b":"123","a":[1,2.5,true,null]}"""))!;
        Assert.Equal(new object[] { "b", "a" }, plain.Keys.Cast<object>().ToArray());
        Assert.Equal("123", plain["b"]);
        Assert.Equal(new object?[] { 1L, 2.5, true, null }, (object?[])plain["a"]!);
    }

    [Fact]
    public void Json_bodies_are_written_from_plain_values()
    {
        var body = JsonBody.From(new Dictionary<string, object?> { ["n"] = 2, ["s"] = "x", ["l"] = new[] { 1, 2 }, ["b"] = false, ["z"] = null }, "Body");
        Assert.Equal("""{"n":2,"s":"x","l":[1,2],"b":false,"z":null}""", body);
        Assert.Equal("""{"raw":true}""", JsonBody.From("""{"raw":true}""", "Body"));
        Assert.Equal("Body", Assert.Throws<S3mException>(() => JsonBody.From("{nope", "Body")).ParameterName);
        Assert.Throws<S3mException>(() => JsonBody.From(new { Anonymous = 1 }, "Body"));
    }
}
