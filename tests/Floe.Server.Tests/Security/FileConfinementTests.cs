using System.Text.Json;
using Floe.Catalog;
using Floe.Core.Metadata;
using Floe.Server.Configuration;
using Floe.Server.Tests.Optimizing;
using Floe.Table.Operations;

namespace Floe.Server.Tests.Security;

/// <summary>
/// A token of catalog <c>default</c> cannot make the server read or delete a table of catalog <c>lake</c>: files a
/// commit names must lie under the table's location, and purge and optimizing touch nothing outside it.
/// </summary>
public sealed class FileConfinementTests : IAsyncLifetime
{
    private const string Rest = "/api/iceberg/rest/v1/namespaces/db/tables/events";
    private readonly string _lakeWarehouse = Path.Combine(Path.GetTempPath(), $"floe-lake-{Guid.NewGuid():N}");
    private OptimizingServer _server = null!;
    private IcebergTable _lake = null!;
    private string _admin = "";
    private string _defaultOnly = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await OptimizingServer.StartAsync(auth: AuthMode.Token);
        _admin = (await _server.Server.Tokens.CreateAsync("admin", isAdmin: true, catalogs: null, Ct)).Secret;
        _defaultOnly = (await _server.Server.Tokens.CreateAsync("writer", isAdmin: false, catalogs: ["default"], Ct)).Secret;
        _server.BearerToken = _admin;
        await _server.Server.Catalogs.CreateInternalAsync("lake", _lakeWarehouse, cancellationToken: Ct);
        _lake = await _server.CreateTableAsync(catalogName: "lake");
        await _server.AppendAsync(_lake, files: 3, rows: 5);
        await _server.CreateTableAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(_lakeWarehouse))
        {
            Directory.Delete(_lakeWarehouse, recursive: true);
        }
    }

    private string LakeManifestList => _lake.Metadata.CurrentSnapshot!.ManifestList!;

    private string[] LakeFiles() => [.. Directory.GetFiles(_lakeWarehouse, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    private static string AddSnapshot(string manifestList) => $$$"""
        {"requirements":[],"updates":[
          {"action":"add-snapshot","snapshot":{"snapshot-id":99,"sequence-number":1,"timestamp-ms":1700000000000,
            "manifest-list":{{{JsonSerializer.Serialize(manifestList)}}},"summary":{"operation":"append"},"schema-id":0}},
          {"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":99}]}
        """;

    private async Task<(int Status, string Text)> AsDefaultOnlyAsync(HttpMethod method, string path, string? json = null)
    {
        _server.BearerToken = _defaultOnly;
        try
        {
            var (status, body) = await _server.CallAsync(method, path, json);
            return (status, body.ValueKind == JsonValueKind.Undefined ? "" : body.GetRawText());
        }
        finally
        {
            _server.BearerToken = _admin;
        }
    }

    private async Task<string> OptimizingTablesAsync()
    {
        var (status, body) = await _server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizing/tables");
        Assert.Equal(200, status);
        return body.GetRawText();
    }

    [Fact]
    public async Task Add_snapshot_naming_another_catalogs_manifest_list_is_400_and_purge_leaves_that_table_whole()
    {
        string[] before = LakeFiles();
        List<long> ids = await _server.IdsAsync(_lake);

        var (status, text) = await AsDefaultOnlyAsync(HttpMethod.Post, Rest, AddSnapshot(LakeManifestList));

        Assert.Equal(400, status);
        Assert.Contains("BadRequestException", text);
        Assert.Contains(JsonSerializer.Serialize(LakeManifestList)[1..^1], text);
        Assert.Null((await _server.OpenTableAsync()).Metadata.CurrentSnapshotId);
        Assert.Equal(204, (await AsDefaultOnlyAsync(HttpMethod.Delete, Rest + "?purgeRequested=true")).Status);
        Assert.Equal(before, LakeFiles());
        Assert.Equal(ids, await _server.IdsAsync(_lake));
    }

    [Fact]
    public async Task Add_snapshot_to_a_primary_key_tables_change_store_naming_another_catalogs_manifest_list_is_400()
    {
        ICatalog catalog = await _server.Server.Catalogs.GetAsync("default", Ct);
        var keyed = TableIdentifier.Of("db", "keyed");
        await catalog.CreatePrimaryKeyTableAsync(keyed, _lake.Schema, ["id"], cancellationToken: Ct);
        string[] before = LakeFiles();

        var (status, text) = await AsDefaultOnlyAsync(HttpMethod.Post, "/api/iceberg/rest/v1/namespaces/db/tables/keyed@change", AddSnapshot(LakeManifestList));

        Assert.Equal(400, status);
        Assert.Contains(JsonSerializer.Serialize(LakeManifestList)[1..^1], text);
        Assert.Null((await catalog.LoadPrimaryKeyTableAsync(keyed, Ct)).ChangeTable.Metadata.CurrentSnapshotId);
        Assert.Equal(before, LakeFiles());
    }

    [Fact]
    public async Task A_manifest_list_that_is_not_avro_is_refused_and_no_bytes_of_it_are_echoed()
    {
        string passwd = Path.Combine(_lakeWarehouse, "passwd");
        await File.WriteAllTextAsync(passwd, "root:x:0:0:root:/root:/bin/bash\n", Ct);

        var (status, text) = await AsDefaultOnlyAsync(HttpMethod.Post, Rest, AddSnapshot(passwd));
        await ForgeSnapshotAsync(passwd);
        await _server.RefreshAsync();
        string tables = await OptimizingTablesAsync();
        var (purged, purgeText) = await AsDefaultOnlyAsync(HttpMethod.Delete, Rest + "?purgeRequested=true");

        Assert.Equal(400, status);
        Assert.Contains("outside the table location", text);
        Assert.Contains("outside the table location", tables);
        Assert.Equal(204, purged);
        Assert.True(File.Exists(passwd));
        foreach (string seen in new[] { text, tables, purgeText })
        {
            Assert.DoesNotContain("726F6F74", seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("root:x", seen);
        }
    }

    /// <summary>Commits a snapshot naming <paramref name="manifestList"/> below the REST catalog, whose metadata form of a commit is not checked.</summary>
    private async Task ForgeSnapshotAsync(string manifestList)
    {
        ICatalog catalog = await _server.Server.Catalogs.GetAsync("default", Ct);
        ITableOperations operations = (await catalog.LoadTableAsync(OptimizingServer.TableId, Ct)).Operations;
        var forged = TableMetadataBuilder.From(operations.Current)
            .AddSnapshot(new Snapshot { SnapshotId = 99, SequenceNumber = 1, TimestampMs = 1_700_000_000_000, ManifestList = manifestList, Operation = "append" })
            .SetBranchSnapshot(99)
            .Build();
        await operations.CommitAsync(operations.Current, forged, Ct);
    }

    [Fact]
    public async Task A_metadata_file_naming_another_tables_files_is_neither_optimized_nor_purged_through()
    {
        await ForgeSnapshotAsync(LakeManifestList);
        string[] before = LakeFiles();
        List<long> ids = await _server.IdsAsync(_lake);

        await _server.RefreshAsync();
        string tables = await OptimizingTablesAsync();
        long? current = (await _server.OpenTableAsync()).Metadata.CurrentSnapshotId;
        Assert.Equal(204, (await AsDefaultOnlyAsync(HttpMethod.Delete, Rest + "?purgeRequested=true")).Status);

        Assert.Equal(99, current); // nothing was compacted into the table

        Assert.Contains("outside the table location", tables);
        Assert.Equal(before, LakeFiles());
        Assert.Equal(ids, await _server.IdsAsync(_lake));
    }
}
