using System.Net;
using System.Net.Http.Headers;

namespace Floe.Server.Tests.Rest;

/// <summary>The REST catalog behind the server's token authentication: 401 without a valid token, 403 outside its catalogs.</summary>
public sealed class FloeServerAuthTests(TokenAuthFloeServer backend) : IClassFixture<TokenAuthFloeServer>
{
    private RestTestClient Client => backend.Client;

    private async Task<Action<HttpRequestMessage>> TokenAsync(bool admin, params string[] catalogs)
    {
        var created = await backend.Server.Tokens.CreateAsync($"t{Guid.NewGuid():N}"[..12], admin, catalogs.Length == 0 ? null : catalogs, TestContext.Current.CancellationToken);
        return request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
    }

    [Fact]
    public async Task Without_a_token_or_with_an_unknown_one_every_route_is_401()
    {
        (await Client.GetAsync("v1/config")).IsError(HttpStatusCode.Unauthorized, "NotAuthorizedException");
        (await Client.GetAsync("v1/namespaces")).IsError(HttpStatusCode.Unauthorized, "NotAuthorizedException");
        (await Client.PostAsync("v1/namespaces", """{"namespace":["db"]}""")).IsError(HttpStatusCode.Unauthorized, "NotAuthorizedException");
        (await Client.SendAsync(HttpMethod.Get, "v1/namespaces", configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token")))
            .IsError(HttpStatusCode.Unauthorized, "NotAuthorizedException");
    }

    [Fact]
    public async Task A_token_for_one_catalog_is_403_on_the_others()
    {
        var lakeOnly = await TokenAsync(admin: false, backend.OtherCatalog);
        (await Client.SendAsync(HttpMethod.Get, $"v1/config?warehouse={backend.OtherCatalog}", configure: lakeOnly)).Is(HttpStatusCode.OK);
        (await Client.SendAsync(HttpMethod.Post, $"v1/{backend.OtherCatalog}/namespaces", """{"namespace":["granted"]}""", lakeOnly)).Is(HttpStatusCode.OK);

        (await Client.SendAsync(HttpMethod.Get, $"v1/config?warehouse={backend.DefaultCatalog}", configure: lakeOnly)).IsError(HttpStatusCode.Forbidden, "ForbiddenException");
        (await Client.SendAsync(HttpMethod.Get, "v1/namespaces", configure: lakeOnly)).IsError(HttpStatusCode.Forbidden, "ForbiddenException");
        (await Client.SendAsync(HttpMethod.Post, "v1/namespaces", """{"namespace":["denied"]}""", lakeOnly)).IsError(HttpStatusCode.Forbidden, "ForbiddenException");
        (await Client.SendAsync(HttpMethod.Post, "v1/transactions/commit", """{"table-changes":[]}""", lakeOnly)).IsError(HttpStatusCode.Forbidden, "ForbiddenException");

        var admin = await TokenAsync(admin: true);
        (await Client.SendAsync(HttpMethod.Head, "v1/namespaces/denied", configure: admin)).Is(HttpStatusCode.NotFound);
        (await Client.SendAsync(HttpMethod.Head, $"v1/{backend.OtherCatalog}/namespaces/granted", configure: admin)).Is(HttpStatusCode.NoContent);
    }
}
