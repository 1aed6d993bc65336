using Floe.Table.Data.Columns;
using Floe.TestKit;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Table.Data.Deletes;
using Floe.Table.Data.Writing;

namespace Floe.Interop.Tests.Tables;

/// <summary>DuckDB reads the data and delete files Floe writes for Iceberg tables, with the values written.</summary>
public sealed class DuckDbReadsDataFilesTests : IDisposable
{
    private const int Rows = 600;
    private readonly string _directory = Directory.CreateTempSubdirectory("floe-table-data-").FullName;

    private static readonly Schema s_schema = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "price", PrimitiveType.Decimal(9, 2)),
        NestedField.Optional(4, "ts", PrimitiveType.TimestampTz),
        NestedField.Optional(5, "tags", ListType.OfOptional(6, PrimitiveType.String)),
        NestedField.Optional(7, "point", StructType.Of(NestedField.Required(8, "x", PrimitiveType.Int))),
    ]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DuckDb_reads_partitioned_data_files_with_the_values_and_bounds_written()
    {
        var spec = new PartitionSpec(0, [new PartitionField(1, 1000, "id_bucket", Transform.Bucket(3))]);
        var config = new DataWriterConfig { Schema = s_schema, Spec = spec };
        IReadOnlyList<DataFile> files;
        await using (var writer = new PartitionedFanoutWriter(new LocalFileIO(), config, new DataLocations(_directory)))
        {
            for (int start = 0; start < Rows; start += 200)
            {
                using ColumnBatch batch = Batch(start, 200);
                await writer.WriteAsync(batch, TestContext.Current.CancellationToken);
            }

            files = await writer.CloseAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(3, files.Count);
        const string query =
            "select concat_ws('|', id, coalesce(name, 'null'), price, epoch_us(ts), coalesce(cast(len(tags) as varchar), 'null'), " +
            "coalesce(cast(point.x as varchar), 'null')) as r from t order by id";
        string output = await NodeRunner.RunAsync(
            "duckdb-read-parquet.mjs", ["--many", query, .. files.Select(f => f.FilePath)], TestContext.Current.CancellationToken);
        using JsonDocument results = JsonDocument.Parse(output);

        var all = new List<(long Id, string Row)>();
        for (int f = 0; f < files.Count; f++)
        {
            JsonElement result = results.RootElement[f];
            string[] rows = [.. result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("r").GetString()!)];
            Assert.Equal(files[f].RecordCount, rows.Length);
            long[] ids = [.. rows.Select(r => long.Parse(r.AsSpan(0, r.IndexOf('|')), CultureInfo.InvariantCulture))];
            Assert.All(ids, id => Assert.Equal(files[f].Partition[0].AsInt(), Transform.Bucket(3).Apply(Core.Values.Literal.Of(id)).AsInt()));
            all.AddRange(ids.Zip(rows));

            // DuckDB's row-group statistics agree with the manifest bounds Floe computed.
            JsonElement idStats = result.GetProperty("metadata").EnumerateArray().First(m => m.GetProperty("path_in_schema").GetString() == "id");
            Assert.Equal(BinaryPrimitives.ReadInt64LittleEndian(files[f].LowerBounds![1]).ToString(CultureInfo.InvariantCulture), idStats.GetProperty("stats_min_value").GetString());
            Assert.Equal(BinaryPrimitives.ReadInt64LittleEndian(files[f].UpperBounds![1]).ToString(CultureInfo.InvariantCulture), idStats.GetProperty("stats_max_value").GetString());
            string[] types = [.. result.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("type").GetString()!)];
            // The last column is DuckDB's hive partitioning reading id_bucket=N from the partition folder.
            Assert.Equal(["BIGINT", "VARCHAR", "DECIMAL(9,2)", "TIMESTAMP WITH TIME ZONE", "VARCHAR[]", "STRUCT(x INTEGER)", "BIGINT"], types);
            Assert.Contains(result.GetProperty("metadata").EnumerateArray(), m => m.GetProperty("compression").GetString() == "ZSTD");
        }

        Assert.Equal(Enumerable.Range(0, Rows).Select(Expected), all.OrderBy(r => r.Id).Select(r => r.Row));
    }

    [Fact]
    public async Task DuckDb_reads_position_delete_files_sorted()
    {
        string path = Path.Combine(_directory, "deletes.parquet");
        await using (var writer = new PositionDeleteWriter(File.Create(path), path))
        {
            writer.Delete("s3://b/t/data/z.parquet", 7);
            writer.Delete("s3://b/t/data/a.parquet", 40);
            writer.Delete("s3://b/t/data/a.parquet", 3);
            await writer.CloseAsync(TestContext.Current.CancellationToken);
        }

        string output = await NodeRunner.RunAsync(
            "duckdb-read-parquet.mjs", [path, "select file_path || '@' || pos as r from t"], TestContext.Current.CancellationToken);
        using JsonDocument result = JsonDocument.Parse(output);
        Assert.Equal(
            ["s3://b/t/data/a.parquet@3", "s3://b/t/data/a.parquet@40", "s3://b/t/data/z.parquet@7"],
            result.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("r").GetString()));
        JsonElement[] schema = [.. result.RootElement.GetProperty("schema").EnumerateArray()];
        Assert.Equal(
            MetadataColumns.DeleteFilePath.Id.ToString(CultureInfo.InvariantCulture),
            schema.Single(e => e.GetProperty("name").GetString() == "file_path").GetProperty("field_id").GetString());
    }

    private static string Expected(int i) => string.Join('|',
        i.ToString(CultureInfo.InvariantCulture),
        i % 5 == 0 ? "null" : $"name-{i}",
        (i * 125 / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        (1_700_000_000_000_000L + (i * 1_000_001L)).ToString(CultureInfo.InvariantCulture),
        i % 6 == 0 ? "null" : (i % 3).ToString(CultureInfo.InvariantCulture),
        i % 4 == 1 ? "null" : (i * 3).ToString(CultureInfo.InvariantCulture));

    private static ColumnBatch Batch(int first, int count)
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(s_schema), count);
        var tags = (ListVector)batch.Column(4);
        var point = (StructVector)batch.Column(5);
        for (int i = first; i < first + count; i++)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(i);
            if (i % 5 == 0)
            {
                batch.Column(1).AppendNull();
            }
            else
            {
                ((BinaryVector)batch.Column(1)).Append(Encoding.UTF8.GetBytes($"name-{i}"));
            }

            ((PrimitiveVector<Int128>)batch.Column(2)).Append(i * 125);
            ((PrimitiveVector<long>)batch.Column(3)).Append(1_700_000_000_000_000L + (i * 1_000_001L));
            if (i % 6 == 0)
            {
                tags.AppendNull();
            }
            else
            {
                for (int t = 0; t < i % 3; t++)
                {
                    ((BinaryVector)tags.Elements).Append($"t{t}");
                }

                tags.EndList();
            }

            if (i % 4 == 1)
            {
                point.AppendNull();
            }
            else
            {
                ((PrimitiveVector<int>)point.Child(0)).Append(i * 3);
                point.AppendStruct();
            }
        }

        return batch;
    }
}
