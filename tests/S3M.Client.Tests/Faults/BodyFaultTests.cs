using System.Text;
using System.Text.Json;
using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Faults;

/// <summary>
/// Answers whose body is not what it should be: cut short, HTML, mislabelled, empty, huge, not
/// UTF-8. A 2xx body is taken as JSON whatever its Content-Type says (gateways and proxies
/// mislabel it); a body that is not JSON is an S3M.InvalidResponse naming the request and status.
/// </summary>
public class BodyFaultTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Path = S3mRoutes.Status;
    private const string OdoJson = """{"resources":[{"name":"odo","description":"a mislabelled answer","status":"OPERATIONAL"}]}""";
    private readonly EmulatorFixture _emu;

    public BodyFaultTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    private S3mClient Client(int retries = 2) => _emu.NewClient(null, retries, ClientTimeout);

    [Fact]
    public async Task Truncated_json_in_a_complete_answer_is_an_invalid_response()
    {
        await _emu.AddFault(new { path = Path, count = 5, status = 200, body = """{"resources":[{"name":"odo","stat""" });

        var (e, _) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "GET", Path, 200);
        Assert.Contains("not valid JSON", e.Message);
        Assert.IsAssignableFrom<JsonException>(e.InnerException);
        Assert.Equal(1, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task Json_cut_short_by_a_lost_connection_with_a_custom_body_is_retried()
    {
        await _emu.AddFault(new { path = Path + "/odo", count = 1, mode = "truncate", body = """{"name":"odo","description":"never finished"}""", sendBytes = 12 });

        var (odo, _) = await Timed(() => Client().Status.GetResourceAsync("odo", default));

        Assert.Equal("odo", odo.Name);
        Assert.Equal(2, await _emu.CountLogged("GET", Path + "/odo"));
    }

    [Fact]
    public async Task An_html_error_page_from_a_proxy_gives_its_title()
    {
        await _emu.AddFault(new
        {
            path = Path,
            count = 5,
            status = 500,
            contentType = "text/html",
            body = "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1><p>nginx</p></body></html>"
        });

        var (e, _) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.Unavailable, "GET", Path, 500);
        Assert.Equal("500 Internal Server Error", e.ServerMessage);
        Assert.DoesNotContain("<", e.Message);
        Assert.Equal(1, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task An_html_bad_gateway_page_is_retried_then_succeeds()
    {
        await _emu.AddFault(new
        {
            path = Path,
            count = 2,
            status = 502,
            contentType = "text/html",
            body = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
        });

        var (resources, _) = await Timed(() => Client(retries: 3).Status.GetResourcesAsync(default));

        Assert.NotEmpty(resources);
        Assert.Equal(3, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task An_html_page_with_a_200_is_an_invalid_response_saying_html()
    {
        await _emu.AddFault(new { path = Path, status = 200, contentType = "text/html", body = "<html><body>Please log in</body></html>" });

        var (e, _) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "GET", Path, 200);
        Assert.Contains("HTML", e.Message);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    [InlineData("application/octet-stream")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Json_with_a_wrong_content_type_is_accepted(string contentType)
    {
        await _emu.AddFault(new { path = Path, status = 200, contentType, body = OdoJson });

        var (resources, _) = await Timed(() => Client().Status.GetResourcesAsync(default));

        var odo = Assert.Single(resources);
        Assert.Equal("a mislabelled answer", odo.Description);
    }

    [Fact]
    public async Task A_non_json_body_with_a_wrong_content_type_is_an_invalid_response()
    {
        await _emu.AddFault(new { path = Path, status = 200, contentType = "text/plain", body = "Service under maintenance, back at 14:00." });

        var (e, _) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "GET", Path, 200);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public async Task A_non_json_error_body_with_a_wrong_content_type_is_quoted()
    {
        await _emu.AddFault(new { path = Path, count = 5, status = 503, contentType = "text/plain", body = "upstream connect error or disconnect/reset before headers" });

        var (e, _) = await Fails(() => Client(retries: 1).Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.Unavailable, "GET", Path, 503);
        Assert.Equal("upstream connect error or disconnect/reset before headers", e.ServerMessage);
    }

    [Fact]
    public async Task An_empty_body_on_200_is_an_empty_object()
    {
        await _emu.AddFault(new { path = Path, count = 2, status = 200, body = "" });
        var client = Client();

        var (answer, _) = await Timed(() => client.Transport.SendAsync(S3mRequest.Get(Path, authenticated: false), default));
        Assert.Equal(JsonValueKind.Object, answer.ValueKind);
        Assert.Empty(answer.EnumerateObject());

        var (resources, _) = await Timed(() => client.Status.GetResourcesAsync(default));
        Assert.Empty(resources);
    }

    [Fact]
    public async Task An_empty_body_on_500_is_an_error_with_the_reason()
    {
        await _emu.AddFault(new { path = Path, count = 5, status = 500, body = "", contentType = "text/plain" });

        var (e, _) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.Unavailable, "GET", Path, 500);
        Assert.Null(e.ServerMessage);
        Assert.Contains("Internal Server Error", e.Message);
        Assert.Equal(1, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task A_ten_megabyte_answer_parses()
    {
        await _emu.AddFault(new { path = Path, mode = "large", sizeBytes = 10 * 1024 * 1024 });
        var client = _emu.NewClient(null, retries: 0, timeout: TimeSpan.FromSeconds(30));

        var (resources, _) = await Timed(() => client.Status.GetResourcesAsync(default));

        Assert.Contains(resources, r => r.Name == "odo");
        Assert.Equal(6, resources.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]          // a lead byte without its continuation
    [InlineData(new byte[] { 0xFF, 0xFE })]          // bytes UTF-8 never has
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]    // an encoded surrogate
    [InlineData(new byte[] { 0xC0, 0xAF })]          // an overlong '/'
    public async Task Invalid_utf8_is_an_invalid_response(byte[] junk)
    {
        var body = Encoding.ASCII.GetBytes("""{"resources":[{"name":"od""").Concat(junk).Concat(Encoding.ASCII.GetBytes("\",\"status\":\"OPERATIONAL\"}]}")).ToArray();
        await _emu.AddFault(new { path = Path, count = 5, mode = "bytes", bodyBase64 = Convert.ToBase64String(body) });

        var (e, _) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "GET", Path, 200);
        Assert.Contains("UTF-8", e.Message);
        Assert.Equal(1, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task Invalid_utf8_in_an_error_body_still_gives_a_clean_error()
    {
        var body = Encoding.ASCII.GetBytes("""{"code":14,"message":"down """).Concat(new byte[] { 0xFF, 0xC3 }).Concat(Encoding.ASCII.GetBytes("\"}")).ToArray();
        await _emu.AddFault(new { path = Path, count = 5, mode = "bytes", status = 500, bodyBase64 = Convert.ToBase64String(body) });

        var (e, _) = await Fails(() => Client().Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.Unavailable, "GET", Path, 500);
    }

    [Fact]
    public async Task Raw_json_bytes_that_are_valid_utf8_parse()
    {
        await _emu.AddFault(new { path = Path, mode = "bytes", bodyBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"resources":[{"name":"odö"}]}""")) });

        var (resources, _) = await Timed(() => Client().Status.GetResourcesAsync(default));

        Assert.Equal("odö", Assert.Single(resources).Name);
    }
}
