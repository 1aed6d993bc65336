using System.Net;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Server.Configuration;
using Floe.Server.Hosting;

namespace Floe.Server.Tests.Hosting;

/// <summary>Errors raised before or outside the endpoints still carry the Iceberg error body; a bad metastore stops the start.</summary>
public sealed class ErrorBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOverlongUrl_Is414_WithTheErrorBody_WhileOneJustUnderTheLimitIsRouted()
    {
        await using RunningServer running = await RunningServer.StartAsync();
        string prefix = "/api/iceberg/rest/v1/namespaces/";

        var (tooLong, tooLongBody) = await GetAsync(running, prefix + new string('a', 9 * 1024));
        var (under, underBody) = await GetAsync(running, prefix + new string('a', UrlLimit.MaxUrlBytes - prefix.Length));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong);
        Assert.Equal(414, tooLongBody.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("limit is 8192", tooLongBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, under);
        Assert.Contains("longer than 255", underBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyMetastoreFile_StopsTheStart_UntilInitializeIsSet()
    {
        using var directory = new TempDirectory();
        ServerOptions options = RunningServer.Options(directory.Path);
        await File.WriteAllBytesAsync(options.Metastore.SqlitePath!, [], Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => RunningServer.StartAsync(options, MetastoreStores.OpenAsync));
        Assert.Contains("metastore.initialize", error.Message, StringComparison.Ordinal);

        await using RunningServer running = await RunningServer.StartAsync(
            options with { Metastore = options.Metastore with { Initialize = true } }, MetastoreStores.OpenAsync);
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
