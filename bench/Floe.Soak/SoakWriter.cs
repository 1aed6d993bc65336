using System.Diagnostics;
using Apache.Arrow;
using Floe;

/// <summary>
/// The one writer: a tick a second; each table commits every <see cref="SoakSettings.CommitSeconds"/> seconds (the
/// tables spread over the ticks) the rows it was due since its last commit, at the rate of the second (bursts
/// included). Upserts go to primary-key tables, appends to the rest; the commits of a tick run concurrently. A failed
/// commit is counted and its first messages kept; the writer carries on.
/// </summary>
internal sealed class SoakWriter(SoakSettings settings, IReadOnlyList<FloeTable> tables)
{
    private readonly Random _random = new(7);
    private readonly long[] _nextIds = new long[tables.Count];
    private readonly double[] _due = new double[tables.Count];
    private readonly Queue<(long Transaction, long CommittedMs)>[] _changes = [.. tables.Select(_ => new Queue<(long, long)>())];
    private long _rows;
    private long _commits;
    private long _failures;

    public long Rows => Interlocked.Read(ref _rows);

    public long Commits => Interlocked.Read(ref _commits);

    public long Failures => Interlocked.Read(ref _failures);

    public List<string> FailureMessages { get; } = [];

    /// <summary>
    /// When the oldest change transaction of a primary-key table above <paramref name="optimizedPoint"/> was committed
    /// (null when every change is optimized). Kept by the writer, so snapshot expiry cannot hide an old change.
    /// </summary>
    public long? OldestChangeAbove(int table, long optimizedPoint)
    {
        Queue<(long Transaction, long CommittedMs)> changes = _changes[table];
        lock (changes)
        {
            while (changes.Count > 0 && changes.Peek().Transaction <= optimizedPoint)
            {
                changes.Dequeue();
            }

            return changes.Count > 0 ? changes.Peek().CommittedMs : null;
        }
    }

    /// <summary>Records a committed change transaction (its change snapshot's sequence number) of a primary-key table.</summary>
    public void RecordChange(int table, long? snapshotId)
    {
        if (tables[table].PrimaryKeyTable is { } primaryKey && snapshotId is long id && primaryKey.ChangeTable.Metadata.SnapshotById(id) is { } snapshot)
        {
            Queue<(long Transaction, long CommittedMs)> changes = _changes[table];
            lock (changes)
            {
                changes.Enqueue((snapshot.SequenceNumber, snapshot.TimestampMs));
            }
        }
    }

    /// <summary>Where each append-only table's ids continue (after its initial load).</summary>
    public void StartIdsAt(int table, long next) => _nextIds[table] = next;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        int tick = 0;
        double last = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // Rows accrue with wall time, so a tick that ran long (and the ticks it swallowed) does not lower the rate.
                double now = clock.Elapsed.TotalSeconds;
                double elapsed = now - last;
                last = now;
                int second = (int)(now % 60);
                var commits = new List<Task>();
                for (int t = 0; t < tables.Count; t++)
                {
                    _due[t] += settings.RowsPerTablePerSecond(second) * elapsed;
                    int rows = (int)_due[t];
                    if (t % settings.CommitSeconds == tick % settings.CommitSeconds && rows > 0)
                    {
                        _due[t] -= rows;
                        commits.Add(CommitAsync(t, rows, cancellationToken));
                    }
                }

                tick++;
                await Task.WhenAll(commits);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task CommitAsync(int t, int rows, CancellationToken cancellationToken)
    {
        FloeTable table = tables[t];
        RecordBatch batch;
        lock (_random)
        {
            batch = table.IsPrimaryKey ? SoakRows.Random(_random, rows, settings.Keys) : SoakRows.Sequential(_random, _nextIds[t], rows);
        }

        _nextIds[t] += table.IsPrimaryKey ? 0 : rows;
        try
        {
            using (batch)
            {
                WriteResult result = table.IsPrimaryKey
                    ? await table.UpsertAsync(batch, cancellationToken)
                    : await table.AppendAsync(batch, cancellationToken);
                RecordChange(t, result.SnapshotId);
                Interlocked.Add(ref _rows, result.Rows);
                Interlocked.Increment(ref _commits);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failures);
            lock (FailureMessages)
            {
                if (FailureMessages.Count < 5)
                {
                    FailureMessages.Add($"{table.Name}: {e.GetType().Name}: {e.Message}");
                }
            }
        }
    }
}
