using Floe.Catalog.FileSystem;
using Floe.Catalog.Metastore;
using Floe.Common.Errors;

namespace Floe.Catalog.Tests;

public sealed class CatalogUriTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "floe-catalog-uri-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<string> MetastoreWithAsync(params string[] catalogs)
    {
        string path = Path.Combine(_root, "floe.db");
        using var database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(path), cancellationToken: Ct);
        foreach (string name in catalogs)
        {
            await database.Catalogs.CreateAsync(name, Path.Combine(_root, name), cancellationToken: Ct);
        }

        return path;
    }

    private static async Task<FloeException> FailsAsync(string catalog) =>
        await Assert.ThrowsAsync<FloeException>(() => CatalogUri.OpenAsync(catalog, cancellationToken: Ct));

    [Fact]
    public async Task A_folder_or_file_uri_opens_a_filesystem_warehouse()
    {
        string folder = Path.Combine(_root, "wh");
        var plain = Assert.IsType<FileSystemCatalog>(await CatalogUri.OpenAsync(folder, cancellationToken: Ct));
        var uri = Assert.IsType<FileSystemCatalog>(await CatalogUri.OpenAsync(new Uri(folder).AbsoluteUri, cancellationToken: Ct));

        Assert.Equal(folder, plain.Warehouse);
        Assert.Equal(folder, uri.Warehouse);
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public async Task Sqlite_opens_the_default_catalog_or_the_one_after_the_hash_and_owns_the_database()
    {
        string path = await MetastoreWithAsync("default", "sales");

        using (var opened = (MetastoreCatalog)await CatalogUri.OpenAsync($"sqlite:{path}", cancellationToken: Ct))
        {
            Assert.Equal("default", opened.Name);
            await opened.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        }

        using var sales = (MetastoreCatalog)await CatalogUri.OpenAsync($"SQLite:{path}#sales", cancellationToken: Ct);
        Assert.Equal("sales", sales.Name);
        Assert.False(await sales.NamespaceExistsAsync(Namespace.Of("db"), Ct));
        using var again = (MetastoreCatalog)await CatalogUri.OpenAsync($"sqlite:{path}", cancellationToken: Ct);
        Assert.True(await again.NamespaceExistsAsync(Namespace.Of("db"), Ct));
    }

    [Fact]
    public async Task A_missing_metastore_or_catalog_is_not_found()
    {
        string path = await MetastoreWithAsync("default");

        Assert.Equal(FloeErrorKind.NotFound, (await FailsAsync($"sqlite:{Path.Combine(_root, "none.db")}")).Kind);
        Assert.False(File.Exists(Path.Combine(_root, "none.db")));
        Assert.Equal(FloeErrorKind.NotFound, (await FailsAsync($"sqlite:{path}#ghost")).Kind);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ftp://host/lake", "Unknown catalog scheme 'ftp:'")]
    [InlineData("s3://bucket/lake", "Unknown catalog scheme 's3:'")]
    [InlineData("sqlite:", "sqlite:PATH")]
    [InlineData("postgres:#sales", "postgres:CONNECTION")]
    [InlineData("http://localhost:1/api/iceberg/rest?prefix=x", "only query parameter is warehouse")]
    public async Task Bad_input_is_an_invalid_argument_naming_the_accepted_forms(string catalog, string message)
    {
        FloeException error = await FailsAsync(catalog);

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_scheme_lists_every_accepted_form()
    {
        FloeException error = await FailsAsync("hdfs://nn/lake");

        Assert.Contains(CatalogUri.Forms, error.Message, StringComparison.Ordinal);
    }
}
