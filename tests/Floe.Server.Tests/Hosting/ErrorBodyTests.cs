using System.Net;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.TestKit.Server;
using Floe.TestKit;

namespace Floe.Server.Tests.Hosting;

/// <summary>Errors raised before or outside the endpoints still carry the Iceberg error body; a bad metastore stops the start.</summary>
public sealed class ErrorBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_overlong_url_is_414_with_the_error_body_while_one_just_under_the_limit_is_routed()
    {
        await using RunningServer running = await RunningServer.StartAsync(openStores: InMemoryStores.OpenNewAsync);
        string prefix = "/api/iceberg/rest/v1/namespaces/";

        var (tooLong, tooLongBody) = await GetAsync(running, prefix + new string('a', 9 * 1024));
        var (under, underBody) = await GetAsync(running, prefix + new string('a', UrlLimit.MaxUrlBytes - prefix.Length));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong);
        Assert.Equal(414, tooLongBody.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("limit is 8192", tooLongBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, under);
        Assert.Contains("longer than 255", underBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET /api/iceberg/rest/v1/namespaces/a\0b HTTP/1.1")]
    [InlineData("GET /api/iceberg/rest/v1/namespaces/a%00b HTTP/1.1")]
    [InlineData("GET /api/iceberg/rest/v1/config HTTP/1.1 extra")]
    public async Task A_request_kestrel_refuses_before_routing_gets_the_error_body(string requestLine)
    {
        await using RunningServer running = await RunningServer.StartAsync(openStores: InMemoryStores.OpenNewAsync);

        string response = await RawAsync(running, $"{requestLine}\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/json\r\n", response, StringComparison.Ordinal);
        using JsonDocument body = JsonDocument.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.Equal(400, body.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("BadRequestException", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Responses_the_application_makes_pass_unchanged_on_one_kept_alive_connection()
    {
        await using RunningServer running = await RunningServer.StartAsync(openStores: InMemoryStores.OpenNewAsync);

        // A HEAD 404 has an empty body by rule; a good request after it on the same connection is answered as usual.
        string response = await RawAsync(running,
            "HEAD /api/iceberg/rest/v1/namespaces/missing HTTP/1.1\r\nHost: x\r\n\r\n" +
            "GET /api/iceberg/rest/v1/config HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 404 ", response, StringComparison.Ordinal);
        string second = response[response.IndexOf("HTTP/1.1 200 ", StringComparison.Ordinal)..];
        Assert.Contains("\"defaults\"", second, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(response, "HTTP/1.1 "));
    }

    private static async Task<string> RawAsync(RunningServer running, string request)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(running.Client.BaseAddress!.Host, running.Client.BaseAddress.Port, Ct);
        using var stream = socket.GetStream();
        await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(request), Ct);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return await reader.ReadToEndAsync(Ct);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 400)]
    [InlineData("HTTP/1.1 431\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 431)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0)]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n", 0)]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n{}", 0)]
    public void Only_a_bare_error_head_is_given_a_body(string head, int status)
    {
        byte[]? rewritten = RejectionBodies.Rewrite(System.Text.Encoding.ASCII.GetBytes(head));

        if (status == 0)
        {
            Assert.Null(rewritten);
            return;
        }

        string text = System.Text.Encoding.ASCII.GetString(rewritten!);
        using JsonDocument body = JsonDocument.Parse(text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.Equal(status, body.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains($"Content-Length: {text.Length - text.IndexOf("\r\n\r\n", StringComparison.Ordinal) - 4}\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_metastore_file_stops_the_start_until_initialize_is_set()
    {
        using var directory = new TempDirectory();
        ServerOptions options = RunningServer.Options(directory.Path);
        await File.WriteAllBytesAsync(options.Metastore.SqlitePath!, [], Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => RunningServer.StartAsync(options));
        Assert.Contains("metastore.initialize", error.Message, StringComparison.Ordinal);

        await using RunningServer running = await RunningServer.StartAsync(
            options with { Metastore = options.Metastore with { Initialize = true } });
        var (response, body) = await running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("default", body.GetProperty("catalogs")[0].GetProperty("name").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(RunningServer running, string path)
    {
        using HttpResponseMessage response = await running.Client.GetAsync(path, Ct);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, body.RootElement.Clone());
    }
}
