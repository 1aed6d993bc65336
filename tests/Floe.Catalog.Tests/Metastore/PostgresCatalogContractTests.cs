using Floe.Catalog.Metastore;
using Floe.TestKit;

namespace Floe.Catalog.Tests.Metastore;

/// <summary>The catalog behaviour against PostgreSQL: a fresh database on the private test server per test.</summary>
public sealed class PostgresCatalogContractTests(PostgresServer server) : MetastoreCatalogContractTests
{
    public override async ValueTask InitializeAsync()
    {
        server.RequireAvailable();
        await base.InitializeAsync();
    }

    protected override async Task<MetastoreSettings> CreateSettingsAsync(bool fresh = false) =>
        MetastoreSettings.Postgres(fresh ? await server.CreateDatabaseAsync(Ct) : await server.SharedDatabaseAsync());

    [Fact]
    public void Settings_never_show_the_password()
    {
        var settings = MetastoreSettings.Postgres("Host=db;Port=5432;Database=floe;Username=u;Password=secret");

        Assert.DoesNotContain("secret", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("Host=db", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_is_an_environment_error()
    {
        var settings = MetastoreSettings.Postgres($"Host=127.0.0.1;Port={server.Port};Database=does_not_exist;Username=floe;Timeout=5");

        var error = await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => MetastoreDatabase.OpenAsync(settings, cancellationToken: Ct));

        Assert.Equal(Floe.Common.Errors.FloeErrorKind.Environment, error.Kind);
        Assert.Contains("does_not_exist", error.Message, StringComparison.Ordinal);
    }
}
