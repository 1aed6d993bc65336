using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Catalog.Tests.Contract;

/// <summary>write.metadata.delete-after-commit.enabled and write.metadata.previous-versions-max, on every catalog.</summary>
public abstract partial class CatalogContractTests
{
    [Fact]
    public async Task Metadata_files_out_of_the_log_are_deleted_after_commit_when_enabled()
    {
        var created = await CreateEventsAsync(new Dictionary<string, string>
        {
            [MetadataProperties.DeleteAfterCommit.Key] = "true",
            [MetadataProperties.PreviousVersionsMax.Key] = "2",
        });
        string folder = Path.GetDirectoryName(created.MetadataFileLocation)!;

        for (int i = 0; i < 6; i++)
        {
            await Catalog.CommitTableAsync(Events, [], [SetProperty("round", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], Ct);
        }

        var current = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal("5", current.Property("round"));
        Assert.Equal(2, current.MetadataLog.Count);
        string[] onDisk = MetadataFiles(folder);
        Assert.Equal(
            [.. current.MetadataLog.Select(e => Path.GetFileName(e.MetadataFile)), Path.GetFileName(current.MetadataFileLocation!)],
            onDisk);
    }

    [Fact]
    public async Task Metadata_files_are_kept_when_delete_after_commit_is_off()
    {
        var created = await CreateEventsAsync(new Dictionary<string, string> { [MetadataProperties.PreviousVersionsMax.Key] = "2" });
        string folder = Path.GetDirectoryName(created.MetadataFileLocation)!;

        for (int i = 0; i < 4; i++)
        {
            await Catalog.CommitTableAsync(Events, [], [SetProperty("round", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], Ct);
        }

        Assert.Equal(5, MetadataFiles(folder).Length);
        Assert.Equal(2, (await Catalog.LoadTableAsync(Events, Ct)).Metadata.MetadataLog.Count);
    }

    [Fact]
    public async Task Metadata_retention_never_deletes_a_file_outside_the_tables_metadata_folder()
    {
        string outsider = Path.Combine(TempFolder("outsider"), "v1.metadata.json");
        Directory.CreateDirectory(Path.GetDirectoryName(outsider)!);
        await File.WriteAllTextAsync(outsider, "{}", Ct);
        var created = await CreateEventsAsync();
        string folder = Path.GetDirectoryName(created.MetadataFileLocation)!;

        // A log entry naming a file elsewhere (as a registered metadata file could carry) never qualifies.
        var node = System.Text.Json.Nodes.JsonNode.Parse(TableMetadataWriter.ToUtf8(created))!;
        node["metadata-log"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["timestamp-ms"] = 1, ["metadata-file"] = outsider },
            new System.Text.Json.Nodes.JsonObject { ["timestamp-ms"] = 2, ["metadata-file"] = folder + "/../" + Path.GetFileName(outsider) });
        var forged = TableMetadataParser.Parse(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()), "forged.metadata.json");

        Assert.Empty(MetadataFileRetention.Expired(forged, WithProperty(created, MetadataProperties.DeleteAfterCommit.Key, "true"), folder));
        Assert.True(File.Exists(outsider));
    }

    private static string[] MetadataFiles(string folder) =>
        [.. Directory.GetFiles(folder, "*.metadata.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
