using System.Diagnostics;
using System.Globalization;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Table.Maintenance;
using Floe.Table.Operations;

/// <summary>
/// Table maintenance at scale: expiring thousands of snapshots of a table with many live data files (merging appends,
/// so expired snapshots leave replaced manifests behind and every kept manifest is compared), then an orphan scan of
/// a large folder tree (dry run). Commits go to an in-memory catalog over real manifest files; the data files named
/// are never written (expiry deletes missing files as a no-op). Prints wall time, allocation and peak working set.
/// </summary>
internal static class MaintenanceBench
{
    public static async Task RunAsync(string[] args)
    {
        int snapshots = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        int liveFiles = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        int orphanFiles = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50_000;
        string root = Path.Combine(Path.GetTempPath(), "floe-maintenance-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var schema = new Schema([NestedField.Required(1, "id", PrimitiveType.Long)]);
            var operations = new MemoryOperations(NewTable.Create(schema, null, null, root, new Dictionary<string, string>()));
            var table = new IcebergTable("bench.t", operations);
            var setup = Stopwatch.StartNew();
            AppendFiles first = table.NewAppend();
            for (int i = 0; i < liveFiles; i++)
            {
                first.AppendFile(File(root, i));
            }

            await first.CommitAsync();
            var appended = new List<DataFile>();
            for (int i = 1; i < snapshots; i++)
            {
                if (i % 10 == 0 && appended.Count > 0)
                {
                    await table.NewDelete().DeleteFile(appended[^1]).CommitAsync();
                    appended.RemoveAt(appended.Count - 1);
                }
                else
                {
                    DataFile file = File(root, liveFiles + i);
                    await table.NewAppend().AppendFile(file).CommitAsync();
                    appended.Add(file);
                }
            }

            Console.WriteLine(Invariant($"{table.Metadata.Snapshots.Count:N0} snapshots, {liveFiles + appended.Count:N0} live data files (setup {setup.Elapsed.TotalSeconds:F1} s)"));

            long allocated = GC.GetTotalAllocatedBytes();
            var expire = Stopwatch.StartNew();
            ExpireSnapshotsResult result = await table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = DateTimeOffset.UtcNow.AddDays(1), RetainLast = 1 });
            expire.Stop();
            long expireAllocated = GC.GetTotalAllocatedBytes() - allocated;
            Console.WriteLine(Invariant($"expire: {result.ExpiredSnapshotIds.Count:N0} snapshots, {result.Files.Files:N0} files deleted, {result.Files.Failed} failed ({string.Join(", ", result.Files.ByKind.Select(k => $"{k.Value.Files} {k.Key}"))}) in {expire.Elapsed.TotalSeconds:F2} s, {expireAllocated / 1048576.0:F0} MB allocated"));

            string data = Path.Combine(root, "data");
            for (int i = 0; i < orphanFiles; i++)
            {
                string folder = Path.Combine(data, Invariant($"day={i % 100}"), Invariant($"hour={i / 100 % 24}"));
                Directory.CreateDirectory(folder);
                await System.IO.File.WriteAllBytesAsync(Path.Combine(folder, Invariant($"orphan-{i}.parquet")), []);
            }

            allocated = GC.GetTotalAllocatedBytes();
            var scan = Stopwatch.StartNew();
            OrphanFilesResult orphans = await table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = DateTimeOffset.UtcNow.AddDays(1), DryRun = true });
            scan.Stop();
            long scanAllocated = GC.GetTotalAllocatedBytes() - allocated;
            using Process process = Process.GetCurrentProcess();
            Console.WriteLine(Invariant($"orphan scan: {orphans.Listed:N0} files listed, {orphans.Files.Files:N0} orphans in {scan.Elapsed.TotalSeconds:F2} s, {scanAllocated / 1048576.0:F0} MB allocated"));
            Console.WriteLine(Invariant($"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB (whole run)"));
            Console.WriteLine(Invariant($"expire_snapshots={result.ExpiredSnapshotIds.Count} expire_seconds={expire.Elapsed.TotalSeconds:F2} expire_alloc_mb={expireAllocated / 1048576.0:F0} orphan_listed={orphans.Listed} orphan_seconds={scan.Elapsed.TotalSeconds:F2} peak_ws_mb={process.PeakWorkingSet64 / 1048576.0:F0}"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static DataFile File(string root, int i) => new()
    {
        FilePath = Path.Combine(root, "data", Invariant($"f-{i}.parquet")),
        Format = FileFormat.Parquet,
        RecordCount = 100,
        FileSizeInBytes = 4096,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A catalog in memory: commits swap the metadata reference; manifests are real files.</summary>
    private sealed class MemoryOperations(TableMetadata initial) : ITableOperations
    {
        public IFileIO Io { get; } = new LocalFileIO();

        public TableMetadata Current { get; private set; } = initial;

        public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => Task.FromResult(Current);

        public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default) =>
            Task.FromResult(Current = updated);
    }
}
