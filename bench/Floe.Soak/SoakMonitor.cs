using System.Diagnostics;
using Apache.Arrow;
using Floe;
using Floe.Http.Management;

/// <summary>One minute's figures over all tables.</summary>
internal sealed record MinuteSample(
    int Minute, long Rows, long Failures, double RatioMedian, double RatioP95, double LiveMsMedian, double CopyMsMedian,
    double FilesPerTable, int FilesMax, long Bytes, long PrimaryKeyBytes, long AppendBytes, long AppendLiveBytes, double LagMaxSeconds,
    int QueryFailures, int Mismatches, ServerActivity Activity, QueryShape Shape, double FirstRatioMedian, double FirstRatioP95,
    double FirstRatioLessGcMedian, double FirstRatioLessGcP95, int FirstQueriesPaused)
{
    /// <summary>The append-only tables' bytes on disk over the bytes their current snapshots read (1 when nothing else is kept).</summary>
    public double AppendOverhead => AppendLiveBytes == 0 ? double.NaN : (double)AppendBytes / AppendLiveBytes;
}

/// <summary>
/// Takes the per-minute figures. For each table in turn: reloads it and times the query once (the first query on the
/// minute's new snapshot: it plans the new commits and reads their files), writes what a scan of it returns into a
/// fresh plain table of a scratch catalog (one append, so one file: the compacted copy) and times the query once on
/// it (its first read of that file), then times the query alternately on the table and on the copy (both hold the same
/// rows: the table is read at the snapshot it was reloaded at), then drops the copy. The ratio of a table is its median
/// repeated query time over the copy's; the first-query ratio compares the two first queries. Writer, server and
/// queries share this process, so a garbage collection's pause can land inside a query: the first-query ratio is also
/// given with the pauses taken out of both times, with the number of first queries a pause fell in.
/// </summary>
internal sealed class SoakMonitor(
    SoakSettings settings, FloeCatalog server, ManagementClient management, string catalogName, FloeCatalog scratch, IReadOnlyList<string> names, SoakWriter writer)
{
    public async Task<MinuteSample> MeasureAsync(int minute, CancellationToken cancellationToken)
    {
        var ratios = new List<double>();
        var firstRatios = new List<double>();
        var firstRatiosLessGc = new List<double>();
        int firstPaused = 0;
        var liveMs = new List<double>();
        var copyMs = new List<double>();
        int filesTotal = 0;
        int filesMax = 0;
        long bytes = 0;
        long primaryKeyBytes = 0;
        long appendBytes = 0;
        long appendLiveBytes = 0;
        double lagMax = 0;
        int queryFailures = 0;
        int mismatches = 0;
        var shapes = new List<QueryShape>();
        for (int t = 0; t < names.Count; t++)
        {
            FloeTable table;
            try
            {
                table = await server.LoadTableAsync(names[t], cancellationToken);
                (int files, long tableBytes) = TableProbe.Storage(table);
                filesTotal += files;
                filesMax = Math.Max(filesMax, files);
                bytes += tableBytes;
                if (table.PrimaryKeyTable is null)
                {
                    appendBytes += tableBytes;
                    appendLiveBytes += TableProbe.LiveDataBytes(table);
                }
                else
                {
                    primaryKeyBytes += tableBytes;
                }

                long nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                long? oldest = table.PrimaryKeyTable is { } primaryKey
                    ? writer.OldestChangeAbove(t, TableProbe.OptimizedPoint(primaryKey))
                    : TableProbe.OldestAppendSinceOptimizing(table);
                lagMax = Math.Max(lagMax, oldest is long ms ? Math.Max(0, nowMs - ms) / 1000.0 : 0);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Counted with the query failures: the run goes on and its closing line says something failed.
                queryFailures++;
                Console.Error.WriteLine($"minute {minute}, {names[t]}: probe failed: {e}");
                continue;
            }

            if (minute == 0)
            {
                continue;
            }

            try
            {
                Timed first = await TimeAsync(table, cancellationToken);
                string copyName = $"copy.t{t}_m{minute}";
                FloeTable copy = await scratch.CreateTableAsync(copyName, table.Schema, cancellationToken: cancellationToken);
                await copy.AppendAsync(Owned(table.ScanAsync(cancellationToken: cancellationToken)), cancellationToken);
                Timed copyFirst = await TimeAsync(copy, cancellationToken);
                mismatches += first.Result == copyFirst.Result ? 0 : 1;
                firstRatios.Add(first.Ms / copyFirst.Ms);
                firstRatiosLessGc.Add((first.Ms - first.PauseMs) / (copyFirst.Ms - copyFirst.PauseMs));
                firstPaused += first.PauseMs > 0 ? 1 : 0;

                // One more untimed run of the table: the copy's scan above read it without the query's filter.
                await TimeAsync(table, cancellationToken);
                var live = new List<double>();
                var compacted = new List<double>();
                for (int r = 0; r < settings.Repeat; r++)
                {
                    Timed a = await TimeAsync(table, cancellationToken);
                    Timed b = await TimeAsync(copy, cancellationToken);
                    live.Add(a.Ms);
                    compacted.Add(b.Ms);
                    mismatches += a.Result == b.Result ? 0 : 1;
                }

                await scratch.DropTableAsync(copyName, purge: true, cancellationToken);
                if (table.PrimaryKeyTable is { } keyed)
                {
                    shapes.Add(await QueryShape.OfAsync(keyed, cancellationToken));
                }

                ratios.Add(Percentile(live, 0.5) / Percentile(compacted, 0.5));
                liveMs.Add(Percentile(live, 0.5));
                copyMs.Add(Percentile(compacted, 0.5));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                queryFailures++;
                Console.Error.WriteLine($"minute {minute}, {names[t]}: query failed: {e}");
            }
        }

        return new MinuteSample(
            minute, writer.Rows, writer.Failures, Percentile(ratios, 0.5), Percentile(ratios, 0.95), Percentile(liveMs, 0.5), Percentile(copyMs, 0.5),
            (double)filesTotal / names.Count, filesMax, bytes, primaryKeyBytes, appendBytes, appendLiveBytes, lagMax, queryFailures, mismatches, await ServerActivity.ReadAsync(management, catalogName, names, cancellationToken), QueryShape.Median(shapes),
            Percentile(firstRatios, 0.5), Percentile(firstRatios, 0.95), Percentile(firstRatiosLessGc, 0.5), Percentile(firstRatiosLessGc, 0.95), firstPaused);
    }

    /// <summary>Nearest-rank percentile; NaN for no values.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static async Task<Timed> TimeAsync(FloeTable table, CancellationToken cancellationToken)
    {
        TimeSpan paused = GC.GetTotalPauseDuration();
        long start = Stopwatch.GetTimestamp();
        (long Rows, long Sum) result = await SoakRows.QueryAsync(table, cancellationToken);
        return new Timed(Stopwatch.GetElapsedTime(start).TotalMilliseconds, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds, result);
    }

    /// <summary>A query's time, the garbage collection pauses within it, and its answer.</summary>
    private readonly record struct Timed(double Ms, double PauseMs, (long Rows, long Sum) Result);

    /// <summary>Hands a scan's batches to a writer and disposes each once the writer has taken it.</summary>
    private static async IAsyncEnumerable<RecordBatch> Owned(IAsyncEnumerable<RecordBatch> batches)
    {
        await foreach (RecordBatch batch in batches)
        {
            using (batch)
            {
                yield return batch;
            }
        }
    }
}
