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
/// a large folder tree of empty files (dry run). Commits go to an in-memory catalog over real manifest files; the data
/// files named are never written (expiry deletes missing files as a no-op). Prints wall time, allocation and the peak
/// working set and managed heap of each phase. Defaults: 10,000 snapshots, 100,000 live files, 1,000,000 orphans.
/// </summary>
internal static class MaintenanceBench
{
    public static async Task RunAsync(string[] args)
    {
        int snapshots = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        int liveFiles = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        int orphanFiles = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
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

                if (i % 1000 == 0)
                {
                    Console.WriteLine(Invariant($"  setup: {i:N0} of {snapshots:N0} snapshots ({setup.Elapsed.TotalSeconds:F0} s)"));
                }
            }

            Console.WriteLine(Invariant($"{table.Metadata.Snapshots.Count:N0} snapshots, {liveFiles + appended.Count:N0} live data files (setup {setup.Elapsed.TotalSeconds:F1} s)"));

            await using PeakMemory expirePeak = PeakMemory.Start();
            long allocated = GC.GetTotalAllocatedBytes();
            var expire = Stopwatch.StartNew();
            ExpireSnapshotsResult result = await table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = DateTimeOffset.UtcNow.AddDays(1), RetainLast = 1 });
            expire.Stop();
            long expireAllocated = GC.GetTotalAllocatedBytes() - allocated;
            await expirePeak.StopAsync();
            Console.WriteLine(Invariant($"expire: {result.ExpiredSnapshotIds.Count:N0} snapshots, {result.Files.Files:N0} files deleted, {result.Files.Failed} failed ({string.Join(", ", result.Files.ByKind.Select(k => $"{k.Value.Files} {k.Key}"))}) in {expire.Elapsed.TotalSeconds:F2} s, {expireAllocated / 1048576.0:F0} MB allocated, peak working set {expirePeak.WorkingSetMb:F0} MB, peak heap {expirePeak.HeapMb:F0} MB"));

            var orphanSetup = Stopwatch.StartNew();
            await CreateOrphansAsync(Path.Combine(root, "data"), orphanFiles);
            Console.WriteLine(Invariant($"{orphanFiles:N0} orphan files written (setup {orphanSetup.Elapsed.TotalSeconds:F1} s)"));

            await using PeakMemory scanPeak = PeakMemory.Start();
            allocated = GC.GetTotalAllocatedBytes();
            var scan = Stopwatch.StartNew();
            OrphanFilesResult orphans = await table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = DateTimeOffset.UtcNow.AddDays(1), DryRun = true });
            scan.Stop();
            long scanAllocated = GC.GetTotalAllocatedBytes() - allocated;
            await scanPeak.StopAsync();
            Console.WriteLine(Invariant($"orphan scan: {orphans.Listed:N0} files listed, {orphans.Files.Files:N0} orphans in {scan.Elapsed.TotalSeconds:F2} s, {scanAllocated / 1048576.0:F0} MB allocated, peak working set {scanPeak.WorkingSetMb:F0} MB, peak heap {scanPeak.HeapMb:F0} MB"));

            using Process process = Process.GetCurrentProcess();
            Console.WriteLine(Invariant($"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB (whole run)"));
            Console.WriteLine(Invariant($"expire_snapshots={result.ExpiredSnapshotIds.Count} live_files={liveFiles + appended.Count} expire_seconds={expire.Elapsed.TotalSeconds:F2} expire_alloc_mb={expireAllocated / 1048576.0:F0} expire_peak_ws_mb={expirePeak.WorkingSetMb:F0} expire_peak_heap_mb={expirePeak.HeapMb:F0} orphan_listed={orphans.Listed} orphan_seconds={scan.Elapsed.TotalSeconds:F2} orphan_alloc_mb={scanAllocated / 1048576.0:F0} orphan_peak_ws_mb={scanPeak.WorkingSetMb:F0} orphan_peak_heap_mb={scanPeak.HeapMb:F0} peak_ws_mb={process.PeakWorkingSet64 / 1048576.0:F0}"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>
    /// Writes empty files in date/hour folders (about 400 per folder at a million), the folders in parallel since
    /// the setup is file-system bound; prints progress every 100,000 files.
    /// </summary>
    private static async Task CreateOrphansAsync(string data, int count)
    {
        const int Folders = 2400;
        int written = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, Folders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (folder, _) =>
        {
            string path = Path.Combine(data, Invariant($"day={folder % 100}"), Invariant($"hour={folder / 100}"));
            Directory.CreateDirectory(path);
            for (int i = folder; i < count; i += Folders)
            {
                System.IO.File.Create(Path.Combine(path, Invariant($"orphan-{i}.parquet"))).Dispose();
                if (Interlocked.Increment(ref written) % 100_000 == 0)
                {
                    Console.WriteLine(Invariant($"  orphans: {written:N0} of {count:N0} written ({clock.Elapsed.TotalSeconds:F0} s)"));
                }
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>A data file entry with the column metrics a writer records, so manifests are their real size.</summary>
    private static DataFile File(string root, int i) => new()
    {
        FilePath = Path.Combine(root, "data", Invariant($"f-{i}.parquet")),
        Format = FileFormat.Parquet,
        RecordCount = 100,
        FileSizeInBytes = 4096,
        ColumnSizes = new Dictionary<int, long> { [1] = 4000 },
        ValueCounts = new Dictionary<int, long> { [1] = 100 },
        NullValueCounts = new Dictionary<int, long> { [1] = 0 },
        LowerBounds = new Dictionary<int, byte[]> { [1] = BitConverter.GetBytes((long)i * 100) },
        UpperBounds = new Dictionary<int, byte[]> { [1] = BitConverter.GetBytes((long)i * 100 + 99) },
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
