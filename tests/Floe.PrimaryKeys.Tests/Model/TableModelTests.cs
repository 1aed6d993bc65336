using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.PrimaryKeys.Model;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Model;

public sealed class TableModelTests
{
    [Fact]
    public void Both_stores_share_ids_and_spec_and_the_change_store_adds_the_reserved_columns()
    {
        using var table = TestTable.Create(spec: s => new PartitionSpecBuilder(s).Identity("value").Build(), properties: new Dictionary<string, string> { [PrimaryKeyProperties.BaseHashBucket.Key] = "8", ["write.parquet.compression-codec"] = "snappy" });
        PrimaryKeyTable primaryKey = table.Open();
        Assert.Equal(["id"], primaryKey.PrimaryKey.Names);
        Assert.Equal([1], primaryKey.Schema.IdentifierFieldIds);
        Assert.Equal(8, primaryKey.BaseBuckets);
        Assert.Equal(4, primaryKey.ChangeBuckets);
        Assert.Equal(table.Folder, primaryKey.Location);
        Assert.EndsWith("/base", primaryKey.BaseTable.Metadata.Location, StringComparison.Ordinal);
        Assert.EndsWith("/change", primaryKey.ChangeTable.Metadata.Location, StringComparison.Ordinal);
        Assert.Equal(2, primaryKey.ChangeTable.Metadata.FormatVersion);
        Assert.Equal("snappy", primaryKey.ChangeTable.Metadata.Property("write.parquet.compression-codec"));
        Assert.Equal("change", primaryKey.ChangeTable.Metadata.Property(PrimaryKeyProperties.TableStore.Key));
        Assert.Equal("base", primaryKey.BaseTable.Metadata.Property(PrimaryKeyProperties.TableStore.Key));
        Assert.Equal("MIXED_ICEBERG", primaryKey.ChangeTable.Metadata.Property(PrimaryKeyProperties.TableFormat.Key));
        Assert.Equal("id", primaryKey.ChangeTable.Metadata.Property(PrimaryKeyProperties.PrimaryKeyFields.Key));
        Assert.Equal("true", primaryKey.BaseTable.Metadata.Property(MetadataProperties.DeleteAfterCommit.Key));
        Assert.Equal("true", primaryKey.ChangeTable.Metadata.Property(MetadataProperties.DeleteAfterCommit.Key));

        int[] changeIds = [.. primaryKey.ChangeSchema.Columns.Select(c => c.Id)];
        Assert.Equal([.. primaryKey.Schema.Columns.Select(c => c.Id), 2147482646, 2147482645, 2147482644], changeIds);
        Assert.Equal(["_transaction_id", "_file_offset", "_change_action"], primaryKey.ChangeSchema.Columns.Skip(3).Select(c => c.Name));
        Assert.True(primaryKey.ChangeSchema.Columns.Skip(3).All(c => c.IsRequired));
        Assert.Equal(primaryKey.Spec.Fields.Single().SourceId, primaryKey.ChangeTable.Spec.Fields.Single().SourceId);
        Assert.Equal(primaryKey.Spec.Fields.Single().FieldId, primaryKey.ChangeTable.Spec.Fields.Single().FieldId);
        Assert.Equal(3, primaryKey.BaseTable.Metadata.LastColumnId);
    }

    [Fact]
    public void Keys_must_be_required_primitive_top_level_columns()
    {
        var schema = new Schema(
        [
            NestedField.Required(1, "id", PrimitiveType.Long),
            NestedField.Optional(2, "name", PrimitiveType.String),
            NestedField.Required(3, "s", new StructType([NestedField.Required(4, "x", PrimitiveType.Int)])),
        ]);
        Assert.Contains("nullable", Create(schema, "name").Message, StringComparison.Ordinal);
        Assert.Contains("primitive", Create(schema, "s").Message, StringComparison.Ordinal);
        Assert.Contains("not a top-level column", Create(schema, "missing").Message, StringComparison.Ordinal);
        Assert.Contains("twice", Create(schema, "id", "id").Message, StringComparison.Ordinal);
        Assert.Contains("power of two", Assert.Throws<FloeException>(() => PrimaryKeyTableMetadata.Create(schema, null, ["id"], "/tmp/x", new Dictionary<string, string> { [PrimaryKeyProperties.ChangeHashBucket.Key] = "3" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_table_is_not_opened_as_a_primary_key_table()
    {
        using var table = TestTable.Create();
        var plain = new MetadataStore(Floe.Core.Metadata.NewTable.Create(TestTable.DefaultSchema, null, null, table.Folder + "/plain"));
        Assert.Throws<FloeException>(() => new PrimaryKeyTable("t", new StoreOperations(plain), new StoreOperations(table.Change)));
        Assert.Throws<FloeException>(() => new PrimaryKeyTable("t", new StoreOperations(table.Change), new StoreOperations(table.Base)));
    }

    [Fact]
    public void The_bucket_hash_is_murmur3_of_the_single_value_form_folded_by_31()
    {
        using ColumnBatch batch = Rows.Of((42, "a", 1));
        using var encoder = new KeyEncoder([0]);
        encoder.Bind(batch);
        encoder.Encode(0, out int hash);
        Assert.Equal(Murmur3.HashLong(42), hash);

        using var two = new KeyEncoder([0, 1]);
        two.Bind(batch);
        byte[] key = two.Encode(0, out int combined).ToArray();
        Assert.Equal(unchecked((31 * Murmur3.HashLong(42)) + Murmur3.HashBytes("a"u8)), combined);
        Assert.Equal(8 + 4 + 1, key.Length);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 0, 1 })]
    [InlineData(new[] { 2, 1, 0 })]
    public void Hashing_a_batch_a_column_at_a_time_gives_the_hash_of_each_encoded_row(int[] columns)
    {
        using ColumnBatch batch = Rows.Of((42, "a", 1), (-7, "", -1), (long.MaxValue, "é long name", int.MinValue), (0, "z", 0));
        using var encoder = new KeyEncoder(columns);
        encoder.Bind(batch);
        int[] hashes = new int[batch.RowCount];
        encoder.Hash(hashes);
        for (int row = 0; row < batch.RowCount; row++)
        {
            byte[] key = encoder.Encode(row, out int expected).ToArray();
            Assert.Equal(expected, hashes[row]);

            // Encoding without the hash gives the same bytes.
            Assert.Equal(key, encoder.Encode(row).ToArray());
        }
    }

    [Fact]
    public void Hashing_a_batch_with_a_null_key_names_the_row()
    {
        using ColumnBatch batch = Rows.Of((1, "a", 1), (2, "b", null));
        using var encoder = new KeyEncoder([2]);
        encoder.Bind(batch);
        var error = Assert.Throws<FloeException>(() => encoder.Hash(new int[2]));
        Assert.Contains("Row 1", error.Message, StringComparison.Ordinal);
    }

    private static FloeException Create(Schema schema, params string[] key) =>
        Assert.Throws<FloeException>(() => PrimaryKeyTableMetadata.Create(schema, null, key, "/tmp/x"));
}
