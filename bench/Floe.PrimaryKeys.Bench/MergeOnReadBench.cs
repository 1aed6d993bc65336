using System.Diagnostics;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Data.Columns;
using Floe.Table.Operations;

/// <summary>
/// Merge-on-read cost of pending changes: full scans of a primary-key table with 0, 10 and 100 change commits pending
/// against the same table fully optimized, and the speed of optimize-now (MB of input per second).
/// Usage: <c>merge-on-read [rows=400000] [rows-per-commit=2000]</c>.
/// </summary>
internal static class MergeOnReadBench
{
    internal static readonly Schema s_schema = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "amount", PrimitiveType.Double),
        NestedField.Optional(4, "ts", PrimitiveType.Timestamp),
    ]);

    public static async Task RunAsync(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400_000;
        int perCommit = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        string root = Path.Combine(Path.GetTempPath(), "floe-mor-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            (TableMetadata b, TableMetadata c) = PrimaryKeyTableMetadata.Create(s_schema, null, ["id"], root);
            var table = new PrimaryKeyTable("bench.t", new BenchStore(b), new BenchStore(c));
            var random = new Random(7);
            Console.WriteLine($"merge-on-read: {rows:N0} keys, 4 base / 4 change buckets, {perCommit:N0} upserted keys per change commit, table at {root}");

            var load = Stopwatch.StartNew();
            for (int start = 0; start < rows; start += 100_000)
            {
                await UpsertAsync(table, start, Math.Min(100_000, rows - start), 0, random);
            }

            Console.WriteLine($"  load: {rows:N0} upserts in {load.Elapsed.TotalSeconds:F2} s");
            await TimeOptimizeAsync(table, "optimize (initial load, minor)", new OptimizeOptions());

            double optimized0 = await ScanAsync(table, "0 pending (fully optimized)", rows);
            await CommitChangesAsync(table, 10, rows, perCommit, random);
            double pending10 = await ScanAsync(table, "10 pending commits", rows);
            await CommitChangesAsync(table, 90, rows, perCommit, random);
            double pending100 = await ScanAsync(table, "100 pending commits", rows);
            await TimeOptimizeAsync(table, "optimize (100 commits, minor)", new OptimizeOptions());
            double optimized100 = await ScanAsync(table, "after optimize (position deletes)", rows);
            await TimeOptimizeAsync(table, "optimize (full)", new OptimizeOptions { Mode = OptimizeMode.Full });
            double full = await ScanAsync(table, "after full optimize", rows);

            Console.WriteLine($"  ratio 10 pending / optimized:  {pending10 / optimized0:F2}x");
            Console.WriteLine($"  ratio 100 pending / optimized: {pending100 / optimized0:F2}x");
            Console.WriteLine($"  ratio minor-optimized / full:  {optimized100 / full:F2}x");
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>A primary-key table at <paramref name="location"/> (one store in memory each) with <paramref name="keys"/> keys upserted and optimized into base.</summary>
    internal static async Task<PrimaryKeyTable> LoadedAsync(string location, int keys, Random random)
    {
        (TableMetadata b, TableMetadata c) = PrimaryKeyTableMetadata.Create(s_schema, null, ["id"], location);
        var table = new PrimaryKeyTable("bench.t", new BenchStore(b), new BenchStore(c));
        for (int start = 0; start < keys; start += 100_000)
        {
            await UpsertAsync(table, start, Math.Min(100_000, keys - start), 0, random);
        }

        await table.OptimizeAsync(new OptimizeOptions());
        return table;
    }

    internal static async Task CommitChangesAsync(PrimaryKeyTable table, int commits, int rows, int perCommit, Random random)
    {
        for (int i = 0; i < commits; i++)
        {
            await UpsertAsync(table, random.Next(Math.Max(1, rows - perCommit)), perCommit, i + 1, random);
        }
    }

    private static async Task<OptimizeResult> TimeOptimizeAsync(PrimaryKeyTable table, string name, OptimizeOptions options)
    {
        var clock = Stopwatch.StartNew();
        OptimizeResult result = await table.OptimizeAsync(options);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"  {name,-36} {seconds,7:F2} s  {result.InputBytes / 1048576.0,8:F1} MB in  {result.InputBytes / 1048576.0 / seconds,7:F1} MB/s  "
            + $"{result.ChangeRows:N0} change rows, {result.NewBaseRows:N0} rows written, {result.DeletedBaseRows:N0} position deletes, {result.RewrittenBaseFiles} files rewritten");
        return result;
    }

    /// <summary>Best of three full scans; checks the row count.</summary>
    private static async Task<double> ScanAsync(PrimaryKeyTable table, string name, int expectedRows)
    {
        double best = double.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            long count = 0;
            await foreach (ColumnBatch batch in table.NewScan().ReadAsync())
            {
                count += batch.RowCount;
                batch.Dispose();
            }

            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            if (count != expectedRows)
            {
                throw new FloeException(FloeErrorKind.Unexpected, $"scan returned {count} rows, expected {expectedRows}");
            }
        }

        Console.WriteLine($"  scan {name,-34} {best,8:F1} ms  {expectedRows / best / 1000:F2} M rows/s");
        return best;
    }

    internal static async Task UpsertAsync(PrimaryKeyTable table, int first, int count, int version, Random random)
    {
        using ColumnBatch batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(s_schema), count);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        var names = (BinaryVector)batch.Column(1);
        var amounts = (PrimitiveVector<double>)batch.Column(2);
        var times = (PrimitiveVector<long>)batch.Column(3);
        for (int i = 0; i < count; i++)
        {
            ids.Append(first + i);
            names.Append(string.Create(CultureInfo.InvariantCulture, $"name-{first + i}-v{version}"));
            amounts.Append(random.NextDouble() * 1000);
            times.Append(1_700_000_000_000_000L + ((first + i) * 1000L));
        }

        await using ChangeWriter writer = table.NewChangeWriter();
        await writer.UpsertAsync(batch);
        await writer.CommitAsync();
    }

    /// <summary>One store's metadata held in memory; its files on local disk.</summary>
    internal sealed class BenchStore(TableMetadata initial) : ITableOperations
    {
        public IFileIO Io { get; } = new LocalFileIO();

        public TableMetadata Current { get; private set; } = initial;

        public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => Task.FromResult(Current);

        public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
        {
            if (!ReferenceEquals(baseMetadata, Current))
            {
                throw new FloeException(FloeErrorKind.CommitConflict, "the store changed");
            }

            Current = updated;
            return Task.FromResult(updated);
        }
    }
}
