using System.Net;
using System.Text;
using Floe.Catalog;
using Floe.Catalog.Rest;
using Floe.Common.Errors;
using Floe.Http;
using Floe.Server.Rest;
using Floe.Server.Tests.Rest;

namespace Floe.Server.Tests.Client;

/// <summary>The REST client behind token auth (bearer and OAuth2 client credentials), and the HTTP base's error table and retries.</summary>
public sealed class AuthAndHttpTests(TokenAuthFloeServer backend) : IClassFixture<TokenAuthFloeServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Uri RestUri => new(backend.Server.Address, "/api/iceberg/rest");

    private async Task<string> TokenAsync(bool admin, params string[] catalogs) =>
        (await backend.Server.Tokens.CreateAsync($"t{Guid.NewGuid():N}"[..12], admin, catalogs.Length == 0 ? null : catalogs, Ct)).Secret;

    [Fact]
    public async Task A_bearer_token_opens_the_catalog_and_missing_or_narrow_tokens_are_401_and_403()
    {
        using var catalog = await RestCatalog.OpenAsync(new RestCatalogOptions { Uri = RestUri, Auth = new BearerTokenAuth(await TokenAsync(admin: true)) }, Ct);
        await catalog.CreateNamespaceAsync(Namespace.Of($"n{Guid.NewGuid():N}"[..10]), Ct);

        var none = await Assert.ThrowsAsync<FloeException>(() => RestCatalog.OpenAsync(new RestCatalogOptions { Uri = RestUri }, Ct));
        Assert.Equal(FloeErrorKind.Unauthorized, none.Kind);
        var lakeOnly = new BearerTokenAuth(await TokenAsync(false, backend.OtherCatalog));
        var narrow = await Assert.ThrowsAsync<FloeException>(() => RestCatalog.OpenAsync(
            new RestCatalogOptions { Uri = RestUri, Warehouse = backend.DefaultCatalog, Auth = lakeOnly }, Ct));
        Assert.Equal(FloeErrorKind.Forbidden, narrow.Kind);
    }

    [Fact]
    public async Task OAuth2_client_credentials_fetch_a_token_and_refresh_it_before_expiry()
    {
        // Floe's server has no token endpoint (the spec deprecates /v1/oauth/tokens); a small one in the test hands
        // out real Floe tokens for the right client credentials.
        var issued = new List<string>();
        using var tokenEndpoint = new TokenEndpoint(async form =>
        {
            if (form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("client_id") != "app" || form.GetValueOrDefault("client_secret") != "s3cret")
            {
                return (HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"unknown client"}""");
            }

            string token = await TokenAsync(admin: true);
            issued.Add(token);
            return (HttpStatusCode.OK, $$"""{"access_token":"{{token}}","token_type":"bearer","expires_in":60}""");
        });
        var clock = new ManualClock();
        using var auth = new OAuth2ClientCredentials(tokenEndpoint.Uri, "app", "s3cret", clock: clock) { RefreshMargin = TimeSpan.FromSeconds(10) };
        using var catalog = await RestCatalog.OpenAsync(new RestCatalogOptions { Uri = RestUri, Auth = auth }, Ct);
        await catalog.ListNamespacesAsync(Namespace.Empty, Ct);
        Assert.Single(issued);
        clock.Advance(TimeSpan.FromSeconds(45));
        await catalog.ListNamespacesAsync(Namespace.Empty, Ct);
        Assert.Single(issued);
        clock.Advance(TimeSpan.FromSeconds(10));
        await catalog.ListNamespacesAsync(Namespace.Empty, Ct);
        Assert.Equal(2, issued.Count);

        using var wrong = new OAuth2ClientCredentials(tokenEndpoint.Uri, "app", "wrong");
        var refused = await Assert.ThrowsAsync<FloeException>(() => RestCatalog.OpenAsync(new RestCatalogOptions { Uri = RestUri, Auth = wrong }, Ct));
        Assert.Equal(FloeErrorKind.Unauthorized, refused.Kind);
        Assert.Contains("unknown client", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "BadRequestException", FloeErrorKind.InvalidArgument)]
    [InlineData(401, "NotAuthorizedException", FloeErrorKind.Unauthorized)]
    [InlineData(403, "ForbiddenException", FloeErrorKind.Forbidden)]
    [InlineData(404, "NoSuchTableException", FloeErrorKind.NotFound)]
    [InlineData(404, "NoSuchNamespaceException", FloeErrorKind.NotFound)]
    [InlineData(406, "UnsupportedOperationException", FloeErrorKind.Unsupported)]
    [InlineData(409, "AlreadyExistsException", FloeErrorKind.AlreadyExists)]
    [InlineData(409, "CommitFailedException", FloeErrorKind.CommitConflict)]
    [InlineData(409, "NamespaceNotEmptyException", FloeErrorKind.NotEmpty)]
    [InlineData(422, "UnprocessableEntityException", FloeErrorKind.InvalidArgument)]
    [InlineData(500, "CommitStateUnknownException", FloeErrorKind.CommitStateUnknown)]
    [InlineData(500, "InternalServerError", FloeErrorKind.Unexpected)]
    [InlineData(503, null, FloeErrorKind.Environment)]
    public void The_status_table_maps_the_servers_answers_back_to_their_kinds(int status, string? type, FloeErrorKind kind) =>
        Assert.Equal(kind, HttpErrorTable.KindOf(status, type));

    [Fact]
    public void Every_kind_the_server_answers_maps_back_to_itself()
    {
        foreach (var kind in Enum.GetValues<FloeErrorKind>())
        {
            var (status, type) = IcebergErrors.Classify(new FloeException(kind, "x"), IcebergErrorTypes.NoSuchTable, commitRoute: true);
            var back = HttpErrorTable.KindOf(status, type);
            var expected = kind switch
            {
                FloeErrorKind.InvalidData => FloeErrorKind.InvalidArgument,
                FloeErrorKind.Environment or FloeErrorKind.Unexpected => FloeErrorKind.CommitStateUnknown,
                _ => kind,
            };
            Assert.Equal(expected, back);
            if (kind is not (FloeErrorKind.Environment or FloeErrorKind.Unexpected or FloeErrorKind.CommitStateUnknown))
            {
                Assert.Equal(status, HttpErrorTable.StatusOf(kind));
            }
        }
    }

    [Fact]
    public void The_retry_policy_retries_idempotent_transient_failures_only_with_growing_bounded_delays()
    {
        var policy = new HttpRetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(250) };
        Assert.True(policy.ShouldRetry(1, idempotent: true, status: null));
        Assert.True(policy.ShouldRetry(2, idempotent: true, status: 503));
        Assert.False(policy.ShouldRetry(3, idempotent: true, status: 503));
        Assert.False(policy.ShouldRetry(1, idempotent: false, status: 503));
        Assert.False(policy.ShouldRetry(1, idempotent: false, status: null));
        Assert.False(policy.ShouldRetry(1, idempotent: true, status: 404));
        Assert.False(policy.ShouldRetry(1, idempotent: true, status: 409));
        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.DelayAfter(1));
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.DelayAfter(2));
        Assert.Equal(TimeSpan.FromMilliseconds(250), policy.DelayAfter(3));
    }

    [Fact]
    public async Task Gets_are_retried_through_5xx_but_a_failed_commit_is_not_and_its_state_is_unknown()
    {
        var handler = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        var retry = new HttpRetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(1) };
        using var http = new HttpClient(handler);
        using var client = new FloeHttpClient(new Uri("http://example.invalid/base"), retry: retry, httpClient: http);
        Assert.Equal(200, (await client.SendAsync(new HttpCall(HttpMethod.Get, "v1/x"), Ct)).Status);
        Assert.Equal(3, handler.Calls);

        var failing = new ScriptedHandler(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        using var http2 = new HttpClient(failing);
        using var client2 = new FloeHttpClient(new Uri("http://example.invalid/base"), retry: retry, httpClient: http2);
        var error = await Assert.ThrowsAsync<FloeException>(() => client2.SendAsync(new HttpCall(HttpMethod.Post, "v1/t") { IsCommit = true }, Ct));
        Assert.Equal(FloeErrorKind.CommitStateUnknown, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, failing.Calls);
        Assert.Equal("http://example.invalid/base/v1/t", failing.LastUri?.AbsoluteUri);
    }

    private sealed class ScriptedHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        public Uri? LastUri { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastUri = request.RequestUri;
            var status = statuses[Math.Min(Calls++, statuses.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("""{"error":{"message":"boom","type":"InternalServerError","code":500}}""", Encoding.UTF8) });
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
