using System.Diagnostics;
using System.Globalization;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Columnar;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.Table.RowLevel;
using Floe.Table.Scanning;

/// <summary>
/// A row-level delete of 1% of the rows, scattered over every one of 100 data files (<c>id % 100 = 7</c>), in
/// merge-on-read and copy-on-write: time of the delete, files written, and full-scan time before and after (after
/// a warm-up scan). Copy-on-write on an unpartitioned table rewrites the 100 files into as few as the target size allows.
/// </summary>
internal static class RowDeleteBench
{
    private static readonly Schema Schema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "score", PrimitiveType.Double),
    ]);

    public static async Task RunAsync(string[] args)
    {
        int files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        int rowsPerFile = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var summary = new List<string> { $"files={files}", $"rows={(long)files * rowsPerFile}" };
        foreach (string mode in (string[])["merge-on-read", "copy-on-write"])
        {
            string warehouse = Path.Combine(Path.GetTempPath(), "floe-row-delete-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                IcebergTable table = await CreateAsync(warehouse, mode, files, rowsPerFile);
                await ScanAsync(table); // warm-up: the first read also pays for JIT compilation
                (double scanBefore, long before) = await ScanAsync(table);
                var clock = Stopwatch.StartNew();
                RowPredicate scattered = RowPredicate.Compare(ComparisonOperator.Equal,
                    ValueExpression.Arithmetic(ArithmeticOperator.Modulo, ValueExpression.Column("id"), ValueExpression.Constant(Literal.Of(100L))),
                    ValueExpression.Constant(Literal.Of(7L)));
                RowLevelResult result = await table.DeleteWhereAsync(scattered);
                double deleteMs = clock.Elapsed.TotalMilliseconds;
                (double scanAfter, long after) = await ScanAsync(table);
                if (before - after != result.Rows)
                {
                    throw new InvalidOperationException($"{mode}: deleted {result.Rows} rows but the scan lost {before - after}.");
                }

                string key = mode == "merge-on-read" ? "mor" : "cow";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode,-14} deleted {result.Rows:N0} rows in {deleteMs,8:F0} ms; wrote {result.DataFilesAdded} data + {result.DeleteFilesAdded} delete files; scan {scanBefore:F0} ms -> {scanAfter:F0} ms"));
                summary.Add(string.Create(CultureInfo.InvariantCulture, $"{key}_delete_ms={deleteMs:F0}"));
                summary.Add($"{key}_files_written={result.DataFilesAdded + result.DeleteFilesAdded}");
                summary.Add(string.Create(CultureInfo.InvariantCulture, $"{key}_scan_before_ms={scanBefore:F0}"));
                summary.Add(string.Create(CultureInfo.InvariantCulture, $"{key}_scan_after_ms={scanAfter:F0}"));
            }
            finally
            {
                Directory.Delete(warehouse, recursive: true);
            }
        }

        Console.WriteLine(string.Join(' ', summary));
    }

    private static async Task<IcebergTable> CreateAsync(string warehouse, string mode, int files, int rowsPerFile)
    {
        var catalog = new FileSystemCatalog(warehouse);
        var identifier = TableIdentifier.Of("bench", "rows");
        await catalog.CreateNamespaceAsync(identifier.Namespace);
        await catalog.CreateTableAsync(identifier, Schema, properties: new Dictionary<string, string> { [RowLevelWriteProperties.DeleteMode.Key] = mode });
        IcebergTable table = await catalog.LoadTableAsync(identifier);
        IReadOnlyList<ColumnField> fields = IcebergColumns.ToColumnFields(Schema);
        AppendFiles append = table.NewFastAppend();
        var config = DataWriterConfig.FromProperties(table.Schema, table.Spec, table.Metadata.Properties);
        var locations = DataLocations.ForTable(table.Metadata.Location, table.Metadata.Properties);
        for (int file = 0; file < files; file++)
        {
            using ColumnBatch batch = ColumnBatch.Create(fields, rowsPerFile);
            for (int row = 0; row < rowsPerFile; row++)
            {
                long id = (long)file * rowsPerFile + row;
                ((PrimitiveVector<long>)batch.Column(0)).Append(id);
                ((BinaryVector)batch.Column(1)).Append("name-" + (id % 1000).ToString(CultureInfo.InvariantCulture));
                ((PrimitiveVector<double>)batch.Column(2)).Append(id * 0.5);
            }

            await using var writer = new RollingDataWriter(table.Operations.Io, config, locations);
            await writer.WriteAsync(batch);
            foreach (var written in await writer.CloseAsync())
            {
                append.AppendFile(written);
            }
        }

        await append.CommitAsync();
        return table;
    }

    private static async Task<(double Ms, long Rows)> ScanAsync(IcebergTable table)
    {
        var clock = Stopwatch.StartNew();
        long rows = 0;
        await foreach (ColumnBatch batch in new TableScan(table.Metadata, table.Operations.Io).ReadAsync())
        {
            rows += batch.RowCount;
            batch.Dispose();
        }

        return (clock.Elapsed.TotalMilliseconds, rows);
    }
}
