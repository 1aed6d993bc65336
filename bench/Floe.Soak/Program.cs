using System.Diagnostics;
using System.Globalization;
using Floe;
using Floe.Http.Management;
using Floe.Server.Configuration;
using Floe.Server.Hosting;

// Soak of the whole server under continuous upserts: an in-process floe server (its REST catalog, optimizing service
// with the embedded optimizer, and maintenance scheduler), primary-key and append-only tables written through the
// .NET front door over HTTP, and per minute the query time against a compacted copy, files, bytes and optimizer lag.
//   dotnet run -c Release --project bench/Floe.Soak [-- --minutes 30 --tables 30 --append-tables 3 --rate 2000
//     --burst 10 --burst-seconds 5 --keys 20000 --commit-seconds 5 --maintenance on|off --repeat 3
//     --base-buckets N]
SoakSettings settings;
try
{
    settings = SoakSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

string root = Path.Combine(Path.GetTempPath(), "floe-soak-" + Guid.NewGuid().ToString("N"));
try
{
    return await SoakRun.RunAsync(settings, root);
}
finally
{
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"could not remove {root}: {e.Message}");
    }
}

/// <summary>Sets up the server and tables, runs the writer for the given minutes and prints the figures.</summary>
internal static class SoakRun
{
    public static async Task<int> RunAsync(SoakSettings settings, string root)
    {
        Console.WriteLine(Invariant($"Floe soak: {settings.Minutes} min, {settings.Tables} primary-key + {settings.AppendTables} append-only tables of {settings.Keys:N0} keys, {settings.Rate:N0} rows/s ({settings.Burst}x for {settings.BurstSeconds} s a minute), a commit per table every {settings.CommitSeconds} s, maintenance {(settings.Maintenance ? "on" : "off")}, {Environment.ProcessorCount} cores"));
        await using FloeServer server = await FloeServer.StartAsync(ServerOptionsFor(settings, Path.Combine(root, "server")));
        string rest = server.RestCatalogUri.ToString();
        await using FloeCatalog writerCatalog = await FloeCatalog.OpenAsync(rest);
        await using FloeCatalog monitorCatalog = await FloeCatalog.OpenAsync(rest);
        await using FloeCatalog scratch = await FloeCatalog.OpenAsync(Path.Combine(root, "scratch"));
        await writerCatalog.CreateNamespaceAsync("soak");
        await scratch.CreateNamespaceAsync("copy");

        var setup = Stopwatch.StartNew();
        var names = new List<string>();
        var tables = new List<FloeTable>();
        var loads = new List<long?>();
        using (Apache.Arrow.RecordBatch keys = SoakRows.Keys(0, settings.Keys))
        {
            for (int t = 0; t < settings.Tables + settings.AppendTables; t++)
            {
                bool primaryKey = t < settings.Tables;
                string name = primaryKey ? $"soak.pk{t}" : $"soak.events{t - settings.Tables}";
                var options = new FloeTableOptions { Properties = TableProperties(settings, primaryKey) };
                FloeTable table = primaryKey
                    ? await writerCatalog.CreatePrimaryKeyTableAsync(name, keys.Schema, ["id"], options)
                    : await writerCatalog.CreateTableAsync(name, keys.Schema, options);
                WriteResult loaded = primaryKey ? await table.UpsertAsync(keys) : await table.AppendAsync(keys);
                names.Add(name);
                tables.Add(table);
                loads.Add(loaded.SnapshotId);
            }
        }

        var writer = new SoakWriter(settings, tables);
        for (int t = 0; t < tables.Count; t++)
        {
            writer.StartIdsAt(t, settings.Keys);
            writer.RecordChange(t, loads[t]);
        }

        Console.WriteLine(Invariant($"setup: {tables.Count} tables created and loaded in {setup.Elapsed.TotalSeconds:F1} s"));
        using var management = new ManagementClient(server.Address);
        var monitor = new SoakMonitor(settings, monitorCatalog, management, server.Catalogs.DefaultCatalogName, scratch, names, writer);
        var samples = new List<MinuteSample> { await monitor.MeasureAsync(0, CancellationToken.None) };
        Console.WriteLine();
        Console.WriteLine("| minute | rows written | writer failures | query ratio median | query ratio p95 | query ms median | copy ms median | files/table | files max | MB on disk | MB primary-key | MB append-only (on disk / live) | optimizer lag max s | optimizing processes (failed) | maintenance runs (failed) | files removed | base / delete / change files a query merges (median) | base rows (median) | first query ratio median (p95) | same less GC pauses (first queries a pause fell in) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        Print(samples[0]);

        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        Task writing = writer.RunAsync(stop.Token);
        try
        {
            for (int minute = 1; minute <= settings.Minutes; minute++)
            {
                TimeSpan wait = TimeSpan.FromMinutes(minute) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                MinuteSample sample = await monitor.MeasureAsync(minute, CancellationToken.None);
                samples.Add(sample);
                Print(sample);
            }
        }
        finally
        {
            // Also when a measurement failed: the writer stops before the server and the folders go away.
            await stop.CancelAsync();
            await writing;
        }
        foreach (string failure in writer.FailureMessages)
        {
            Console.WriteLine($"writer failure: {failure}");
        }

        Console.WriteLine();
        Console.WriteLine(Headline(settings, samples, writer, clock.Elapsed));
        return writer.Failures == 0 && samples.All(s => s.QueryFailures == 0 && s.Mismatches == 0) ? 0 : 1;
    }

    private static ServerOptions ServerOptionsFor(SoakSettings settings, string dataDirectory) => new()
    {
        Port = 0,
        DataDirectory = dataDirectory,
        Metastore = new MetastoreOptions { SqlitePath = Path.Combine(dataDirectory, "floe.db") },
        Optimizing = new OptimizingOptions { LocalThreads = 1, RefreshIntervalMs = 5_000, PollTimeoutMs = 1_000 },

        // Intervals of seconds rather than hours, so a run of minutes shows what hours of a production server would.
        Maintenance = new MaintenanceOptions
        {
            Enabled = settings.Maintenance,
            ExpireSnapshots = new MaintenanceActionOptions(true, TimeSpan.FromSeconds(30)),
            CleanDanglingDeleteFiles = new MaintenanceActionOptions(true, TimeSpan.FromMinutes(1)),
            CleanOrphanFiles = new MaintenanceActionOptions(false, TimeSpan.FromDays(1)),
            ExpireData = new MaintenanceActionOptions(false, TimeSpan.FromDays(1)),
            AutoCreateTags = new MaintenanceActionOptions(false, TimeSpan.FromDays(1)),
        },
    };

    /// <summary>
    /// Snapshots and merged change files kept one minute; a commit deletes the metadata files beyond the last 20 (else
    /// every commit leaves one for good: Iceberg's default); minor optimizing every 30 s at the latest and a full
    /// rewrite every 3 minutes (which clears the position deletes minor optimizing leaves), planned at most every 10 s.
    /// </summary>
    private static Dictionary<string, string> TableProperties(SoakSettings settings, bool primaryKey)
    {
        var properties = new Dictionary<string, string>
        {
            ["snapshot.keep.duration"] = "1min",
            ["snapshot.keep.min-count"] = "1",
            ["write.metadata.delete-after-commit.enabled"] = "true",
            ["write.metadata.previous-versions-max"] = "20",
            ["self-optimizing.min-plan-interval"] = "10000",
            ["self-optimizing.minor.trigger.interval"] = "30000",
            ["self-optimizing.full.trigger.interval"] = "180000",
        };
        if (primaryKey)
        {
            properties["change.data.ttl.minutes"] = "1";
            if (settings.BaseBuckets is int buckets)
            {
                properties["base.file-index.hash-bucket"] = buckets.ToString(CultureInfo.InvariantCulture);
            }
        }

        return properties;
    }

    private static void Print(MinuteSample s) => Console.WriteLine(Invariant(
        $"| {s.Minute} | {s.Rows:N0} | {s.Failures} | {s.RatioMedian:F2} | {s.RatioP95:F2} | {s.LiveMsMedian:F1} | {s.CopyMsMedian:F1} | {s.FilesPerTable:F1} | {s.FilesMax} | {s.Bytes / 1048576.0:F1} | {s.PrimaryKeyBytes / 1048576.0:F1} | {s.AppendBytes / 1048576.0:F1} ({s.AppendOverhead:F2}) | {s.LagMaxSeconds:F0} | {s.Activity.Processes} ({s.Activity.FailedProcesses}) | {s.Activity.MaintenanceRuns} ({s.Activity.FailedMaintenanceRuns}) | {s.Activity.FilesRemoved:N0} | {s.Shape.BaseFiles:F0} / {s.Shape.DeleteFiles:F0} / {s.Shape.ChangeFiles:F0} | {s.Shape.BaseRows:N0} | {s.FirstRatioMedian:F2} ({s.FirstRatioP95:F2}) | {s.FirstRatioLessGcMedian:F2} ({s.FirstRatioLessGcP95:F2}) ({s.FirstQueriesPaused}) |"));

    private static string Headline(SoakSettings settings, List<MinuteSample> samples, SoakWriter writer, TimeSpan elapsed)
    {
        MinuteSample end = samples[^1];
        MinuteSample half = samples[Math.Max(1, samples.Count / 2)];
        List<MinuteSample> timed = [.. samples.Skip(1)];
        return Invariant($"minutes={settings.Minutes} tables={settings.Tables} append_tables={settings.AppendTables} maintenance={(settings.Maintenance ? "on" : "off")} rows_written={writer.Rows} rows_per_s={writer.Rows / elapsed.TotalSeconds:F0} commits={writer.Commits} writer_failures={writer.Failures} query_failures={timed.Sum(s => s.QueryFailures)} query_mismatches={timed.Sum(s => s.Mismatches)} ")
            + Invariant($"query_ratio_median={SoakMonitor.Percentile([.. timed.Select(s => s.RatioMedian)], 0.5):F2} query_ratio_p95_max={timed.Max(s => s.RatioP95):F2} first_query_ratio_median={SoakMonitor.Percentile([.. timed.Select(s => s.FirstRatioMedian)], 0.5):F2} first_query_ratio_less_gc_median={SoakMonitor.Percentile([.. timed.Select(s => s.FirstRatioLessGcMedian)], 0.5):F2} first_query_ratio_less_gc_p95_max={timed.Max(s => s.FirstRatioLessGcP95):F2} files_per_table_end={end.FilesPerTable:F1} bytes_end_mb={end.Bytes / 1048576.0:F1} bytes_growth_last_half={(double)end.Bytes / half.Bytes - 1:F3} pk_bytes_end_mb={end.PrimaryKeyBytes / 1048576.0:F1} pk_bytes_growth_last_half={Growth(half.PrimaryKeyBytes, end.PrimaryKeyBytes):F3} append_overhead_end={end.AppendOverhead:F2} append_overhead_half={half.AppendOverhead:F2} optimizer_lag_max_s={samples.Max(s => s.LagMaxSeconds):F0} optimizing_processes={end.Activity.Processes} optimizing_failed={end.Activity.FailedProcesses} maintenance_runs={end.Activity.MaintenanceRuns} maintenance_failed={end.Activity.FailedMaintenanceRuns} maintenance_files_removed={end.Activity.FilesRemoved}");
    }

    private static double Growth(long from, long to) => from == 0 ? double.NaN : (double)to / from - 1;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
