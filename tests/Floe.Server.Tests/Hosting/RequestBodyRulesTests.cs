using System.Net;
using System.Text;
using System.Text.Json;
using Floe.TestKit.Server;
using Floe.TestKit;

namespace Floe.Server.Tests.Hosting;

/// <summary>Every endpoint group reads its JSON bodies by one rule: valid UTF-8, each key once per object.</summary>
public sealed class RequestBodyRulesTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private RunningServer _running = null!;

    public async ValueTask InitializeAsync()
    {
        var directory = new TempDirectory();
        _running = await RunningServer.StartAsync(RunningServer.Options(directory.Path), ownedDirectory: directory);
    }

    public async ValueTask DisposeAsync() => await _running.DisposeAsync();

    [Theory]
    [InlineData("/api/floe/v1/catalogs", """{"name":"one","name":"two"}""", "key \"name\" appears twice in $;")]
    [InlineData("/api/floe/v1/catalogs", """{"name":"one","properties":{"a":"1","a":"2"}}""", "key \"a\" appears twice in $.properties;")]
    [InlineData("/api/floe/v1/tokens", """{"name":"one","admin":false,"admin":true}""", "key \"admin\" appears twice in $;")]
    [InlineData("/api/floe/v1/optimizer-groups", """{"name":"g","properties":{"x y":{"k":1,"k":2}}}""", "key \"k\" appears twice in $.properties[\"x y\"];")]
    [InlineData("/api/optimizer/v1/register", """{"group":"default","threads":1,"threads":2}""", "key \"threads\" appears twice in $;")]
    [InlineData("/api/iceberg/rest/v1/namespaces", """{"namespace":["a"],"namespace":["b"]}""", "key \"namespace\" appears twice in $;")]
    public async Task A_body_repeating_a_key_is_400_naming_the_key_and_where(string path, string json, string expected)
    {
        var (status, message) = await PostAsync(path, Encoding.UTF8.GetBytes(json));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        await AssertNothingCreatedAsync();
    }

    [Theory]
    [InlineData("/api/floe/v1/catalogs")]
    [InlineData("/api/floe/v1/tokens")]
    [InlineData("/api/floe/v1/optimizer-groups")]
    [InlineData("/api/optimizer/v1/register")]
    [InlineData("/api/iceberg/rest/v1/namespaces")]
    public async Task A_body_that_is_not_utf8_is_400_naming_the_byte(string path)
    {
        // An invalid byte in a key, then one in a value.
        var (inKey, keyMessage) = await PostAsync(path, [.. "{\""u8, 0xFF, .. "\":1}"u8]);
        var (inValue, valueMessage) = await PostAsync(path, [.. "{\"name\":\"ab"u8, 0xE2, 0x28, .. "\"}"u8]);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (inKey, inValue));
        Assert.Contains("not valid UTF-8 (byte 2 ", keyMessage, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8 (byte 11 ", valueMessage, StringComparison.Ordinal);
        await AssertNothingCreatedAsync();
    }

    private async Task<(HttpStatusCode Status, string Message)> PostAsync(string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        using HttpResponseMessage response = await _running.Client.SendAsync(request, _ct);
        using JsonDocument reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct));
        return (response.StatusCode, reply.RootElement.GetProperty("error").GetProperty("message").GetString()!);
    }

    private async Task AssertNothingCreatedAsync()
    {
        var (_, catalogs) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs");
        var (_, tokens) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/tokens");
        var (_, groups) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/optimizer-groups");
        Assert.Equal(["default"], catalogs.GetProperty("catalogs").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(0, tokens.GetProperty("tokens").GetArrayLength());
        Assert.Equal(["default"], groups.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
    }
}
