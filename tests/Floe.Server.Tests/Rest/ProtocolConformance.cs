using System.Net;
using System.Text;

namespace Floe.Server.Tests.Rest;

/// <summary>Protocol-wide behaviour: body limits, metrics reports, JSON content types.</summary>
public abstract class ProtocolConformance<TBackend>(TBackend backend) : ConformanceBase<TBackend>(backend)
    where TBackend : RestBackend
{
    private const string ScanReport = """
        {"report-type":"scan-report","table-name":"db.t","snapshot-id":3,"filter":true,"schema-id":0,
         "projected-field-ids":[1,2],"projected-field-names":["id","category"],
         "metrics":{"total-planning-duration":{"count":1,"time-unit":"nanoseconds","total-duration":2644235116},
                    "result-data-files":{"unit":"count","value":1}},
         "metadata":{"engine":"spark"}}
        """;

    private const string CommitReport = """
        {"report-type":"commit-report","table-name":"db.t","snapshot-id":3,"sequence-number":1,"operation":"append",
         "metrics":{"added-data-files":{"unit":"count","value":2}}}
        """;

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        string ns = await CreateNamespaceAsync(UniqueName());
        var big = new StringBuilder("""{"namespace":["x"],"properties":{"pad":" """);
        big.Append('x', (int)Backend.MaxRequestBodyBytes + 10).Append("\"}}");
        // Expect: 100-continue lets the server refuse by the declared length before the client uploads the body.
        static void ExpectContinue(HttpRequestMessage request) => request.Headers.ExpectContinue = true;
        (await Client.SendAsync(HttpMethod.Post, "v1/namespaces", big.ToString(), ExpectContinue))
            .IsError(HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException");
        (await Client.SendAsync(HttpMethod.Post, $"v1/namespaces/{ns}/properties", big.ToString().Replace("namespace", "n", StringComparison.Ordinal), ExpectContinue))
            .IsError(HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException");
        (await Client.HeadAsync("v1/namespaces/x")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_streamed_body_without_length_over_the_limit_is_413()
    {
        byte[] payload = Encoding.UTF8.GetBytes("{\"namespace\":[\"streamed\"],\"properties\":{\"pad\":\"" + new string('x', (int)Backend.MaxRequestBodyBytes) + "\"}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Client.BaseAddress, "v1/namespaces"));
        request.Content = new StreamContent(new MemoryStream(payload));
        request.Headers.TransferEncodingChunked = true;
        using var response = await Client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("RequestEntityTooLargeException", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        (await Client.HeadAsync("v1/namespaces/streamed")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        (await Client.PostAsync("v1/namespaces", "")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Metrics_reports_are_accepted_for_existing_tables()
    {
        var (_, path, _) = await CreateTableAsync();
        (await Client.PostAsync($"v1/{path}/metrics", ScanReport)).Is(HttpStatusCode.NoContent);
        (await Client.PostAsync($"v1/{path}/metrics", CommitReport)).Is(HttpStatusCode.NoContent);
        string ns = await CreateNamespaceAsync(UniqueName());
        (await Client.PostAsync($"v1/namespaces/{ns}/tables/none/metrics", CommitReport)).IsError(HttpStatusCode.NotFound, "NoSuchTableException");
        (await Client.PostAsync($"v1/namespaces/{UniqueName()}/tables/none/metrics", CommitReport)).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Theory]
    [InlineData("report-type", "\"report-type\":\"scan-report\"", "\"report-type\":\"weird-report\"")]
    [InlineData("snapshot-id", "\"snapshot-id\":3", "\"snapshot-id\":\"3\"")]
    [InlineData("schema-id", "\"schema-id\":0,", "")]
    [InlineData("projected-field-ids", "[1,2]", "[\"a\"]")]
    [InlineData("total-planning-duration", "\"count\":1,", "")]
    [InlineData("result-data-files", "\"unit\":\"count\",", "")]
    [InlineData("metrics", "\"metrics\":{", "\"metrix\":{")]
    public async Task An_invalid_metrics_report_is_400_naming_the_field(string named, string find, string replace)
    {
        var (_, path, _) = await CreateTableAsync();
        var reply = (await Client.PostAsync($"v1/{path}/metrics", ScanReport.Replace(find, replace, StringComparison.Ordinal)))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(named, reply.ErrorMessage, StringComparison.Ordinal);
    }
}
