using Floe.Core.Metadata;
using Floe.Core.Transforms;
using Floe.Core.Types;

namespace Floe.Core.Tests.Metadata;

public sealed class FixtureMetadataTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string file in Fixtures.MetadataFiles())
        {
            data.Add(Path.GetRelativePath(Fixtures.IcebergRoot, file));
        }

        return data;
    }

    [Fact]
    public void All_fixture_files_are_found() => Assert.True(Files().Count >= 15);

    [Theory]
    [MemberData(nameof(Files))]
    public void Fixture_read_write_read_is_stable_and_keeps_every_value(string relativePath)
    {
        string original = File.ReadAllText(Path.Combine(Fixtures.IcebergRoot, relativePath));

        var metadata = TableMetadataParser.Parse(original);
        string written = TableMetadataWriter.ToJson(metadata);
        var reread = TableMetadataParser.Parse(written);

        Assert.Equal(written, TableMetadataWriter.ToJson(reread));
        JsonAssert.Covers(original, written);
    }

    [Fact]
    public void Spark_rename_column_v3_has_bucket_and_identity_spec_and_renamed_column()
    {
        var metadata = Read("spark/rename_column/metadata/v3.metadata.json");

        Assert.Equal(2, metadata.FormatVersion);
        Assert.Equal(Guid.Parse("d6d0afa0-5fb3-46e8-94c4-8ea619f9bdd2"), metadata.TableUuid);
        Assert.Equal(1, metadata.CurrentSchemaId);
        Assert.Equal("event_date", metadata.CurrentSchema.FindField(3)!.Name);
        Assert.Equal("date", metadata.SchemaById(0)!.FindField(3)!.Name);
        Assert.Equal(PrimitiveType.Decimal(10, 2), metadata.CurrentSchema.FindField("price")!.Type);
        Assert.Equal(Transform.Bucket(4), metadata.DefaultSpec.Fields[0].Transform);
        Assert.Equal("date", metadata.DefaultSpec.Fields[1].Name);
        Assert.Equal(1001, metadata.LastPartitionId);
        Assert.Equal(5276958600260276572, metadata.CurrentSnapshotId);
        Assert.Equal(SnapshotOperations.Append, metadata.CurrentSnapshot!.Operation);
        Assert.Equal("4", metadata.CurrentSnapshot.Summary["added-records"]);
        Assert.Equal(2, metadata.MetadataLog.Count);
        Assert.Equal("platypii", metadata.Property("owner"));
    }

    [Fact]
    public void Java_bunnies_v5_has_snapshot_history()
    {
        var metadata = Read("java/bunnies/metadata/v5.metadata.json");

        Assert.Equal(3, metadata.LastSequenceNumber);
        Assert.Equal(9, metadata.LastColumnId);
        Assert.Equal(9158179788527662767, metadata.CurrentSnapshotId);
        var chain = metadata.Ancestors(metadata.CurrentSnapshotId!.Value).ToList();
        Assert.Equal(metadata.Snapshots.Count, chain.Count);
        Assert.Equal(1, chain[^1].SequenceNumber);
        Assert.True(metadata.DefaultSpec.IsUnpartitioned);
        Assert.Equal(999, metadata.LastPartitionId);
    }

    [Fact]
    public void Athena_table_with_catalog_style_name_reads()
    {
        var metadata = Read("athena/example/metadata/00001-aaf0d033-d06b-43c7-be60-67f83abd4aca.metadata.json");

        Assert.Equal("s3://hyperparam-iceberg/athena/example", metadata.Location);
        Assert.Equal("PARQUET", metadata.Property("write.format.default"));
        Assert.Single(metadata.SnapshotLog);
    }

    private static TableMetadata Read(string relativePath) =>
        TableMetadataParser.Parse(File.ReadAllBytes(Path.Combine(Fixtures.IcebergRoot, relativePath)), relativePath);
}
