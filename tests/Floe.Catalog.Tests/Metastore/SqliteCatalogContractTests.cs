using Floe.Catalog.Metastore;

namespace Floe.Catalog.Tests.Metastore;

/// <summary>The catalog behaviour against an embedded SQLite metastore in a temporary file.</summary>
public sealed class SqliteCatalogContractTests : MetastoreCatalogContractTests
{
    protected override Task<MetastoreSettings> CreateSettingsAsync(bool fresh = false) =>
        Task.FromResult(MetastoreSettings.Sqlite(Path.Combine(TempFolder("sqlite"), "floe.db")));

    [Fact]
    public async Task An_empty_file_is_refused_unless_told_to_initialize_it_while_a_missing_file_is_created()
    {
        string empty = Path.Combine(Directory.CreateDirectory(TempFolder("empty")).FullName, "floe.db");
        await File.WriteAllBytesAsync(empty, [], Ct);
        string missing = Path.Combine(TempFolder("missing"), "floe.db");

        var error = await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(empty), cancellationToken: Ct));
        using var created = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(missing), cancellationToken: Ct);
        using var initialized = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(empty), initialize: true, cancellationToken: Ct);

        Assert.Equal(Floe.Common.Errors.FloeErrorKind.Environment, error.Kind);
        Assert.Contains(empty, error.Message, StringComparison.Ordinal);
        Assert.Equal((3, 3), (created.SchemaVersion, initialized.SchemaVersion));
    }

    [Fact]
    public async Task Database_is_in_wal_mode()
    {
        string mode = await Database.WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            return (string)(await command.ExecuteScalarAsync(Ct))!;
        }, Ct);

        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task Damaged_namespace_properties_are_invalid_data_naming_the_namespace()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        await Database.WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE namespaces SET properties = '[1,2]'";
            return await command.ExecuteNonQueryAsync(Ct);
        }, Ct);

        var error = await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => Catalog.LoadNamespacePropertiesAsync(Namespace.Of("db"), Ct));

        Assert.Equal(Floe.Common.Errors.FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains("namespace db", error.Message, StringComparison.Ordinal);
    }
}
