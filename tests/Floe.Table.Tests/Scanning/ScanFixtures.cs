using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.Table.Tests.Scanning;

/// <summary>The tables written by Spark and the Java library in the shared fixtures, and helpers to scan them.</summary>
internal static class ScanFixtures
{
    public static readonly string Root = SharedFixtures.Iceberg;

    /// <summary>Maps the fixtures' object-store locations onto the fixture folder.</summary>
    public static IFileIO FileIO { get; } = new LocalFileIO(new LocationMapper()
        .Add("s3a://hyperparam-iceberg", Root)
        .Add("s3://hyperparam-iceberg", Root));

    public static TableMetadata Metadata(string table, string file) =>
        TableMetadataParser.Parse(File.ReadAllText(Path.Combine(Root, table, "metadata", file)));

    public static TableScan Scan(string table, string file) => new(Metadata(table, file), FileIO);

    /// <summary>Every row the scan returns, each as the values of its columns.</summary>
    public static async Task<List<object?[]>> RowsAsync(TableScan scan)
    {
        var rows = new List<object?[]>();
        await foreach (ColumnBatch batch in scan.ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                rows.AddRange(RowsOf(batch));
            }
        }

        return rows;
    }

    public static IEnumerable<object?[]> RowsOf(ColumnBatch batch)
    {
        for (int r = 0; r < batch.RowCount; r++)
        {
            var row = new object?[batch.Columns.Count];
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = batch.Column(c).GetValue(r);
            }

            yield return row;
        }
    }
}
