using System.Net;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Streaming;

/// <summary>Every provision rule: a 400 (gRPC code 3) that names the rule, and nothing made.</summary>
public sealed class ProvisionValidationTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private string Token => Emulator.MintToken("stf042", ["data-streaming"]).Token;

    [Theory]
    // kind: required, and one that list_backends offers for the engine
    [InlineData("rabbitmq", """{"name":"a"}""", "kind is required; rabbitmq offers: general, stream")]
    [InlineData("rabbitmq", """{"kind":"","name":"a"}""", "kind is required")]
    [InlineData("rabbitmq", """{"kind":"quorum","name":"a"}""", "kind \"quorum\" is not offered for rabbitmq; it offers: general, stream")]
    [InlineData("redis", """{"kind":"stream","name":"a"}""", "kind \"stream\" is not offered for redis; it offers: general")]
    [InlineData("redis", """{"kind":7,"name":"a"}""", "kind must be a string")]
    // name: required, at most 40 characters, one RFC 1123 label
    [InlineData("redis", """{"kind":"general"}""", "name is required")]
    [InlineData("redis", """{"kind":"general","name":"a234567890b234567890c234567890d2345678901"}""", "at most 40 characters")]
    [InlineData("redis", """{"kind":"general","name":"Cache"}""", "not an RFC 1123 host name label")]
    [InlineData("redis", """{"kind":"general","name":"my_cache"}""", "not an RFC 1123 host name label")]
    [InlineData("redis", """{"kind":"general","name":"-cache"}""", "not an RFC 1123 host name label")]
    [InlineData("redis", """{"kind":"general","name":"cache-"}""", "not an RFC 1123 host name label")]
    [InlineData("redis", """{"kind":"general","name":"cache.one"}""", "(no dots)")]
    [InlineData("redis", """{"kind":"general","name":"ca che"}""", "not an RFC 1123 host name label")]
    // .NET's "$" also matches before a final "\n": the pattern ends in \z
    [InlineData("redis", """{"kind":"general","name":"ingest01\n"}""", "not an RFC 1123 host name label")]
    [InlineData("redis", """{"kind":"general","name":"ingest01\r\n"}""", "not an RFC 1123 host name label")]
    // resource settings: known keys, whole numbers, above 0, within the backend's range
    [InlineData("rabbitmq", """{"kind":"general","name":"a","resourceSettings":{"cpus":0}}""", "resourceSettings.cpus must be greater than 0")]
    [InlineData("rabbitmq", """{"kind":"general","name":"a","resourceSettings":{"ram-gbs":-4}}""", "resourceSettings.ram-gbs must be greater than 0")]
    [InlineData("rabbitmq", """{"kind":"general","name":"a","resourceSettings":{"cpus":9}}""", "resourceSettings.cpus must be from 1 to 8; it is 9")]
    [InlineData("rabbitmq", """{"kind":"general","name":"a","resourceSettings":{"ram-gbs":33}}""", "resourceSettings.ram-gbs must be from 1 to 32")]
    [InlineData("rabbitmq", """{"kind":"stream","name":"a","resourceSettings":{"nodes":6}}""", "resourceSettings.nodes must be from 1 to 5")]
    [InlineData("redis", """{"kind":"general","name":"a","resourceSettings":{"nodes":3}}""", "multi-node Redis is not supported")]
    [InlineData("redis", """{"kind":"general","name":"a","resourceSettings":{"disk-gbs":10}}""", "unknown resource setting \"disk-gbs\" for redis; known: cpus, ram-gbs")]
    [InlineData("rabbitmq", """{"kind":"general","name":"a","resourceSettings":{"cpus":2.5}}""", "resourceSettings.cpus must be a whole number")]
    [InlineData("rabbitmq", """{"kind":"general","name":"a","resourceSettings":{"cpus":"two"}}""", "resourceSettings.cpus must be a whole number")]
    [InlineData("rabbitmq", """{"kind":"general","name":"a","resourceSettings":[2]}""", "resourceSettings must be a JSON object")]
    // feature flags: known keys, booleans
    [InlineData("redis", """{"kind":"general","name":"a","featureFlags":{"management-ui":true}}""", "unknown feature flag \"management-ui\" for redis; known: persistence")]
    [InlineData("rabbitmq", """{"kind":"general","name":"a","featureFlags":{"management-ui":"yes"}}""", "featureFlags.management-ui must be true or false")]
    // the body itself
    [InlineData("rabbitmq", """{"kind":"general","name":"a","size":"large"}""", "unknown field \"size\"")]
    [InlineData("rabbitmq", """{"kind":"general","name":"a","resource_settings":{}}""", "unknown field \"resource_settings\"")]
    [InlineData("rabbitmq", """{"kind":"general",""", "not valid JSON")]
    [InlineData("rabbitmq", """["general"]""", "must be a JSON object")]
    public async Task ABrokenRuleIsAnInvalidArgumentThatNamesIt(string engine, string body, string expected)
    {
        var answer = await Http.ProvisionAsync(Token, engine, body);

        var message = answer.AssertGrpcError(HttpStatusCode.BadRequest, 3);
        Assert.Contains(expected, message);
        Assert.Contains(expected, answer.Json.GetProperty("details")[0].GetProperty("publicMessage").GetString());
        Assert.Empty((await Http.StreamingStateAsync()).GetProperty("clusters").EnumerateArray());
    }

    [Theory]
    [InlineData("redis", """{"kind":"general","name":"a234567890b234567890c234567890d234567890"}""")]
    [InlineData("redis", """{"kind":"general","name":"0cache-1"}""")]
    [InlineData("redis", """{"kind":"general","name":"x","resourceSettings":{"nodes":1,"cpus":"8","ram-gbs":32},"featureFlags":{"persistence":true}}""")]
    [InlineData("rabbitmq", """{"kind":"stream","name":"x","resourceSettings":{"cpus":1,"ram-gbs":1,"nodes":5},"featureFlags":{}}""")]
    [InlineData("rabbitmq", """{"kind":"general","name":"x","resourceSettings":null,"featureFlags":null}""")]
    public async Task WhatTheRulesAllowIsProvisioned(string engine, string body)
    {
        var answer = await Http.ProvisionAsync(Token, engine, body);

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
    }

    [Fact]
    public async Task ASingleNodeRedisKeepsItsSettingsWithoutNodes()
    {
        await Http.ProvisionAsync(Token, "redis", """{"kind":"general","name":"solo","resourceSettings":{"nodes":1,"cpus":"8"}}""");

        var cluster = (await Http.ClusterAsync(Token, "redis", "solo")).Json.GetProperty("cluster");

        Assert.Equal("""{"cpus":8,"ram-gbs":4}""", cluster.GetProperty("resourceSettings").GetRawText());
    }
}
