using System.Net;

namespace Floe.Server.Tests.Rest;

/// <summary>What only the bare host can show: the metrics sink, per-catalog rights and the error mapping itself.</summary>
public sealed class RouteGroupTests(FileSystemBareHost backend) : ConformanceBase<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>
{
    [Fact]
    public async Task Metrics_reports_reach_the_registered_sink()
    {
        var (ns, path, _) = await CreateTableAsync();
        (await Client.PostAsync($"v1/{Backend.DefaultCatalog}/{path}/metrics", """
            {"report-type":"commit-report","table-name":"x.t","snapshot-id":42,"sequence-number":1,"operation":"append","metrics":{}}
            """)).Is(HttpStatusCode.NoContent);
        var report = Assert.Single(Backend.Metrics.Reports, r => r.Table.Namespace.Levels[0] == Uri.UnescapeDataString(ns));
        Assert.Equal("commit-report", report.ReportType);
        Assert.Equal(42, report.SnapshotId);
        Assert.Equal("x.t", report.TableName);
        Assert.Equal(Backend.DefaultCatalog, report.Catalog);
        Assert.Contains("\"operation\":\"append\"", report.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_principal_without_rights_to_the_catalog_is_403()
    {
        static void Restrict(HttpRequestMessage request) => request.Headers.Add(BareHostBackend.RestrictHeader, "lake");
        (await Client.SendAsync(HttpMethod.Get, "v1/namespaces", configure: Restrict)).IsError(HttpStatusCode.Forbidden, "ForbiddenException");
        (await Client.SendAsync(HttpMethod.Get, $"v1/{Backend.DefaultCatalog}/namespaces", configure: Restrict)).IsError(HttpStatusCode.Forbidden, "ForbiddenException");
        (await Client.SendAsync(HttpMethod.Get, $"v1/config?warehouse={Backend.DefaultCatalog}", configure: Restrict)).IsError(HttpStatusCode.Forbidden, "ForbiddenException");
        (await Client.SendAsync(HttpMethod.Get, "v1/lake/namespaces", configure: Restrict)).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_request_without_a_principal_is_401()
    {
        static void Anonymous(HttpRequestMessage request) => request.Headers.Add(BareHostBackend.UnauthenticatedHeader, "1");
        (await Client.SendAsync(HttpMethod.Get, "v1/namespaces", configure: Anonymous)).IsError(HttpStatusCode.Unauthorized, "NotAuthorizedException");
        (await Client.SendAsync(HttpMethod.Get, "v1/config", configure: Anonymous)).IsError(HttpStatusCode.Unauthorized, "NotAuthorizedException");
        (await Client.SendAsync(HttpMethod.Post, "v1/namespaces", """{"namespace":["never"]}""", Anonymous)).IsError(HttpStatusCode.Unauthorized, "NotAuthorizedException");
        (await Client.HeadAsync("v1/namespaces/never")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unexpected_failure_is_500_and_on_commit_routes_commit_state_unknown()
    {
        string broken = BareHostBackend.BrokenCatalog;
        var reply = (await Client.GetAsync($"v1/{broken}/namespaces")).IsError(HttpStatusCode.InternalServerError, "InternalServerError");
        Assert.Contains("disk is gone", reply.ErrorMessage, StringComparison.Ordinal);
        (await Client.PostAsync($"v1/{broken}/namespaces/db/tables/t", """{"requirements":[],"updates":[]}"""))
            .IsError(HttpStatusCode.InternalServerError, "CommitStateUnknownException");
        (await Client.PostAsync($"v1/{broken}/transactions/commit", """{"table-changes":[]}"""))
            .IsError(HttpStatusCode.InternalServerError, "CommitStateUnknownException");
    }

    [Theory]
    [InlineData(Common.Errors.FloeErrorKind.NotFound, 404, "NoSuchTableException")]
    [InlineData(Common.Errors.FloeErrorKind.AlreadyExists, 409, "AlreadyExistsException")]
    [InlineData(Common.Errors.FloeErrorKind.CommitConflict, 409, "CommitFailedException")]
    [InlineData(Common.Errors.FloeErrorKind.NotEmpty, 409, "NamespaceNotEmptyException")]
    [InlineData(Common.Errors.FloeErrorKind.InvalidArgument, 400, "BadRequestException")]
    [InlineData(Common.Errors.FloeErrorKind.InvalidData, 400, "BadRequestException")]
    [InlineData(Common.Errors.FloeErrorKind.Unauthorized, 401, "NotAuthorizedException")]
    [InlineData(Common.Errors.FloeErrorKind.Forbidden, 403, "ForbiddenException")]
    [InlineData(Common.Errors.FloeErrorKind.Unsupported, 406, "UnsupportedOperationException")]
    [InlineData(Common.Errors.FloeErrorKind.Environment, 500, "InternalServerError")]
    [InlineData(Common.Errors.FloeErrorKind.Unexpected, 500, "InternalServerError")]
    public void Every_error_kind_maps_to_its_status_and_type(Common.Errors.FloeErrorKind kind, int status, string type)
    {
        var (actualStatus, actualType) = Server.Rest.IcebergErrors.Classify(new Common.Errors.FloeException(kind, "x"), "NoSuchTableException");
        Assert.Equal((status, type), (actualStatus, actualType));
    }

    [Fact]
    public void Unknown_failures_on_commit_routes_are_commit_state_unknown()
    {
        Assert.Equal((500, "CommitStateUnknownException"), Server.Rest.IcebergErrors.Classify(new IOException("disk"), "NoSuchTableException", commitRoute: true));
        Assert.Equal((500, "InternalServerError"), Server.Rest.IcebergErrors.Classify(new IOException("disk"), "NoSuchTableException"));
    }
}
