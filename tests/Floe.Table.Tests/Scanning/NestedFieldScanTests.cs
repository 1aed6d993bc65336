using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Table.Data.Writing;
using Floe.Table.Scanning;
using Floe.Table.Tests.Data;

namespace Floe.Table.Tests.Scanning;

public sealed class NestedFieldScanTests
{
    [Fact]
    public async Task A_filter_on_a_struct_field_the_projection_keeps_in_part_still_applies()
    {
        var ct = TestContext.Current.CancellationToken;
        string folder = TestTables.TempDirectory();
        try
        {
            string path = Path.Combine(folder, "nested.parquet");
            DataFile file;
            var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = TestTables.Schema });
            await using (writer)
            {
                using ColumnBatch batch = TestTables.Batch(0, 20);
                await writer.WriteAsync(batch, ct);
                file = await writer.CloseAsync(ct);
            }

            Schema projection = SchemaProjection.Select(TestTables.Schema, ["id", "point.y"]);
            Expression residual = Binder.Bind(TestTables.Schema, Expr.GreaterThan("point.x", Literal.Of(10)));
            var task = new FileScanTask(file, 0, [], PartitionSpec.Unpartitioned, TestTables.Schema, projection, residual);

            var ids = new List<long>();
            var ys = new List<int?>();
            await foreach (ColumnBatch batch in new FileScanTaskReader(new LocalFileIO()).ReadAsync(task, ct))
            {
                using (batch)
                {
                    var point = (StructVector)batch.Column(1);
                    int yIndex = point.Type.Children.ToList().FindIndex(c => c.Name == "y");
                    for (int r = 0; r < batch.RowCount; r++)
                    {
                        ids.Add(((PrimitiveVector<long>)batch.Column(0))[r]);
                        ys.Add(point.IsNull(r) || point.Child(yIndex).IsNull(r) ? null : ((PrimitiveVector<int>)point.Child(yIndex))[r]);
                    }
                }
            }

            long[] expected = [.. Enumerable.Range(11, 9).Where(i => i % 4 != 1).Select(i => (long)i)];
            Assert.Equal(expected, ids);
            Assert.Equal(expected.Select(i => (int?)-i), ys);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
