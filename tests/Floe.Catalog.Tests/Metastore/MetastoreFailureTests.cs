using Floe.Catalog.Metastore;
using Floe.Common.Errors;

namespace Floe.Catalog.Tests.Metastore;

/// <summary>What the metastore says when its database, its settings or the files it points at are wrong.</summary>
public sealed class MetastoreFailureTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "floe-metastore-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public MetastoreFailureTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_file_that_is_not_a_database_is_an_environment_error_naming_it()
    {
        string path = Path.Combine(_folder, "floe.db");
        await File.WriteAllTextAsync(path, new string('x', 4096), _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(path), cancellationToken: _ct));

        Assert.Equal(FloeErrorKind.Environment, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_postgres_connection_string_is_invalid_argument(string connectionString)
    {
        var error = Assert.Throws<FloeException>(() => MetastoreSettings.Postgres(connectionString));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task Malformed_postgres_connection_string_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => MetastoreDatabase.OpenAsync(MetastoreSettings.Postgres("Host=x;NoSuchKeyword=1"), cancellationToken: _ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task A_pointer_to_a_missing_file_is_not_found_naming_the_file()
    {
        using var database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(Path.Combine(_folder, "floe.db")), cancellationToken: _ct);
        await database.Catalogs.CreateAsync("c", Path.Combine(_folder, "warehouse"), cancellationToken: _ct);
        var catalog = await database.OpenCatalogAsync("c", _ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);
        var created = await catalog.CreateTableAsync(TempWarehouse.Events, TempWarehouse.Schema, cancellationToken: _ct);
        File.Delete(created.MetadataFileLocation!);

        // A fresh instance has not seen the table, so it must read the file.
        var error = await Assert.ThrowsAsync<FloeException>(() => database.NewCatalogInstance(catalog.Record).LoadTableAsync(TempWarehouse.Events, _ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
        Assert.Contains(created.MetadataFileLocation!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_table_format_is_invalid_data()
    {
        using var database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(Path.Combine(_folder, "floe.db")), cancellationToken: _ct);
        await database.Catalogs.CreateAsync("c", Path.Combine(_folder, "warehouse"), cancellationToken: _ct);
        var catalog = await database.OpenCatalogAsync("c", _ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);
        await catalog.CreateTableAsync(TempWarehouse.Events, TempWarehouse.Schema, cancellationToken: _ct);
        await database.WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tables SET format = 'delta'";
            return await command.ExecuteNonQueryAsync(_ct);
        }, _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => catalog.LoadTableAsync(TempWarehouse.Events, _ct));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains("delta", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_catalog_name_is_invalid_argument()
    {
        using var database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(Path.Combine(_folder, "floe.db")), cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => database.Catalogs.CreateAsync("../x", _folder, cancellationToken: _ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }
}
