using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Table.Scanning.Planning;

namespace Floe.Table.Scanning;

/// <summary>
/// A read of one snapshot of a table: chooses the snapshot, prunes manifests by their partition summaries and files
/// by partition values and column metrics, pairs each data file with the delete files that apply to it
/// (<see cref="PlanFilesAsync"/>), and reads the rows with deletes and the filter applied (<see cref="ReadAsync(CancellationToken)"/>).
/// Instances are immutable: each option returns a new scan.
/// </summary>
public sealed class TableScan : ITableScan
{
    private readonly ScanOptions _options;

    public TableScan(TableMetadata metadata, IFileIO fileIO)
        : this(new ScanOptions(metadata ?? throw new ArgumentNullException(nameof(metadata)), fileIO ?? throw new ArgumentNullException(nameof(fileIO))))
    {
    }

    private TableScan(ScanOptions options) => _options = options;

    public TableMetadata Metadata => _options.Metadata;

    /// <summary>The row filter (all filters given, combined with and).</summary>
    public Expression Filter => _options.Filter;

    public bool IsCaseSensitive => _options.CaseSensitive;

    /// <summary>The snapshot read, or null for a table without snapshots.</summary>
    public Snapshot? Snapshot => _options.Selection.Resolve(Metadata);

    /// <summary>
    /// The schema the scan reads with: the table's current schema when reading the current snapshot or a branch,
    /// the snapshot's own schema when travelling back to a snapshot id, tag or time.
    /// </summary>
    public Schema Schema
    {
        get
        {
            bool timeTravel = _options.Selection is not null && _options.Selection != SnapshotSelection.Current
                && !(_options.RefName is string name && Metadata.Ref(name) is { IsBranch: true });
            if (timeTravel && Snapshot?.SchemaId is int schemaId && Metadata.SchemaById(schemaId) is Schema snapshotSchema)
            {
                return snapshotSchema;
            }

            return Metadata.CurrentSchema;
        }
    }

    /// <summary>The columns returned: those selected, or all columns of <see cref="Schema"/>.</summary>
    public Schema Projection => _options.Columns is { } columns
        ? SchemaProjection.Select(Schema, columns, _options.CaseSensitive)
        : Schema;

    public TableScan UseSnapshot(long snapshotId) => new(_options with { Selection = SnapshotSelection.ById(snapshotId), RefName = null });

    /// <summary>Reads the head of a branch or a tag.</summary>
    public TableScan UseRef(string name) => new(_options with { Selection = SnapshotSelection.ByRef(name), RefName = name });

    /// <summary>Reads the snapshot that was current at a time (milliseconds since the epoch).</summary>
    public TableScan AsOfTime(long timestampMs) => new(_options with { Selection = SnapshotSelection.AsOf(timestampMs), RefName = null });

    /// <summary>Adds a row filter (combined with earlier ones by and).</summary>
    public TableScan Where(Expression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new(_options with { Filter = Expr.And(_options.Filter, filter) });
    }

    /// <summary>Returns only these columns (dotted names reach into structs).</summary>
    public TableScan Select(params IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new(_options with { Columns = [.. columns] });
    }

    public TableScan CaseSensitive(bool caseSensitive) => new(_options with { CaseSensitive = caseSensitive });

    /// <summary>How many manifests are read at once while planning (default: the processor count).</summary>
    public TableScan PlanWith(int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        return new(_options with { Parallelism = maxDegreeOfParallelism });
    }

    /// <summary>
    /// Splits data files larger than this into tasks at their row-group boundaries and packs smaller tasks into groups of
    /// about this size (default: the table's <c>read.split.target-size</c>, else 128 MB).
    /// </summary>
    public TableScan SplitTargetSize(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        return new(_options with { SplitTargetSize = bytes });
    }

    /// <summary>The least weight a task counts for when packing (default: <c>read.split.open-file-cost</c>, else 4 MB).</summary>
    public TableScan SplitOpenFileCost(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new(_options with { OpenFileCost = bytes });
    }

    /// <summary>Keeps the data files' column statistics in planned tasks (by default they are dropped once pruning is done).</summary>
    public TableScan IncludeColumnStats() => new(_options with { ColumnStats = true });

    ITableScan ITableScan.Where(Expression filter) => Where(filter);

    ITableScan ITableScan.Select(params IEnumerable<string> columns) => Select(columns);

    /// <summary>Checks the snapshot now, so a missing one fails where it is chosen rather than when rows are read.</summary>
    ITableScan ITableScan.UseSnapshot(long snapshotId) => Metadata.SnapshotById(snapshotId) is null
        ? throw new FloeException(FloeErrorKind.NotFound, $"The table has no snapshot {snapshotId}.")
        : UseSnapshot(snapshotId);

    ITableScan ITableScan.AsOfTime(long timestampMs) => AsOfTime(timestampMs);

    /// <summary>
    /// Plans the scan: one task per data file that may hold matching rows, over the whole file. Manifests are streamed and
    /// only the entries that survive pruning are kept; their column statistics are dropped unless
    /// <see cref="IncludeColumnStats"/> was called.
    /// </summary>
    public async Task<IReadOnlyList<FileScanTask>> PlanFilesAsync(CancellationToken cancellationToken = default)
    {
        Snapshot? snapshot = Snapshot;
        if (snapshot is null)
        {
            return [];
        }

        Schema schema = Schema;
        Schema projection = Projection;
        Expression filter = ScanFilters.Bind(schema, _options.Filter, _options.CaseSensitive);
        var pruning = new ScanPruning(Metadata, schema, filter);
        bool keepStats = _options.ColumnStats;
        bool cached = Metadata.Settings.Get(IcebergReadProperties.ManifestCacheEnabled);
        IReadOnlyList<ManifestFile> manifests = await ScanManifests.ListAsync(snapshot, _options.FileIO, cancellationToken).ConfigureAwait(false);
        ManifestFile[] kept = [.. manifests.Where(m => (m.Content == ManifestContent.Deletes || m.HasAddedFiles || m.HasExistingFiles) && pruning.ManifestMightMatch(m))];

        var dataEntries = new List<PlannedFile>?[kept.Length];
        var deleteEntries = new ConcurrentBag<ManifestEntry>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, kept.Length),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism ?? Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                dataEntries[index] = await ScanManifests.ReadKeptAsync(kept[index], _options.FileIO, entry =>
                {
                    if (!entry.IsLive || !pruning.PartitionMightMatch(entry.File))
                    {
                        return null;
                    }

                    if (entry.File is not DataFile file)
                    {
                        deleteEntries.Add(entry);
                        return null;
                    }

                    if (!pruning.MetricsMightMatch(file))
                    {
                        return null;
                    }

                    // The residual is decided here while the partition is at hand; statistics are not needed after this.
                    return new PlannedFile(keepStats ? file : ScanFileStats.WithoutStats(file), entry.DataSequenceNumber ?? 0, pruning.ResidualOf(file));
                }, cached, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

        DeleteFileIndex deletes = DeleteFileIndex.Build(deleteEntries, Metadata);
        var tasks = new List<FileScanTask>(dataEntries.Sum(d => d?.Count ?? 0));
        foreach (List<PlannedFile>? entries in dataEntries)
        {
            foreach (PlannedFile planned in entries ?? [])
            {
                tasks.Add(new FileScanTask(
                    planned.File, planned.SequenceNumber, deletes.ForDataFile(planned.SequenceNumber, planned.File),
                    pruning.SpecOf(planned.File.SpecId), schema, projection, planned.Residual));
            }
        }

        return tasks;
    }

    /// <summary>
    /// Plans the scan for parallel reading: files larger than the split target size become several tasks at their
    /// split offsets (row-group starts), and tasks are packed in plan order into groups of about the target size,
    /// each task weighing its bytes plus its delete files' bytes, but at least the open-file cost.
    /// </summary>
    public async Task<IReadOnlyList<CombinedScanTask>> PlanTasksAsync(CancellationToken cancellationToken = default)
    {
        long targetSize = _options.SplitTargetSize ?? Metadata.Settings.Get(IcebergReadProperties.SplitTargetSize);
        long openFileCost = _options.OpenFileCost ?? Metadata.Settings.Get(IcebergReadProperties.SplitOpenFileCost);
        IReadOnlyList<FileScanTask> files = await PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        return ScanSplitting.Pack(files.SelectMany(task => ScanSplitting.Split(task, targetSize)), targetSize, openFileCost);
    }

    /// <summary>Plans the scan and reads every task in order, yielding batches in the projected schema.</summary>
    public IAsyncEnumerable<ColumnBatch> ReadAsync(CancellationToken cancellationToken = default) => ReadAsync(1, cancellationToken);

    /// <summary>
    /// Plans the scan (<see cref="PlanTasksAsync"/>) and reads up to <paramref name="maxDegreeOfParallelism"/> tasks at
    /// once: large files are split, so their row groups are read in parallel too. Tasks are read one by one rather than
    /// by packed group, since threads of one process pay little to open a file. With more than one, batches arrive in
    /// no particular order. Delete files are read once for all the tasks they apply to.
    /// </summary>
    public async IAsyncEnumerable<ColumnBatch> ReadAsync(int maxDegreeOfParallelism, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        IReadOnlyList<CombinedScanTask> groups = await PlanTasksAsync(cancellationToken).ConfigureAwait(false);
        var reader = new FileScanTaskReader(_options.FileIO, NameMappingOf(Metadata));
        if (maxDegreeOfParallelism == 1 || groups.Sum(g => g.Tasks.Count) <= 1)
        {
            foreach (CombinedScanTask group in groups)
            {
                foreach (FileScanTask task in group.Tasks)
                {
                    await foreach (ColumnBatch batch in reader.ReadAsync(task, cancellationToken).ConfigureAwait(false))
                    {
                        yield return batch;
                    }
                }
            }

            yield break;
        }

        FileScanTask[] tasks = [.. groups.SelectMany(g => g.Tasks)];
        await foreach (ColumnBatch batch in ParallelBatchReader.ReadAsync(tasks, reader.ReadAsync, maxDegreeOfParallelism, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    internal static Core.Mapping.NameMapping? NameMappingOf(TableMetadata metadata)
    {
        string? json = metadata.Property(Core.Mapping.NameMapping.DefaultProperty);
        if (json is null)
        {
            return null;
        }

        try
        {
            return Core.Mapping.NameMapping.Parse(json);
        }
        catch (FloeException e)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Table property {Core.Mapping.NameMapping.DefaultProperty} is not a valid name mapping: {e.Message}", e);
        }
    }

    private sealed record ScanOptions(TableMetadata Metadata, IFileIO FileIO)
    {
        public SnapshotSelection Selection { get; init; } = SnapshotSelection.Current;

        public string? RefName { get; init; }

        public Expression Filter { get; init; } = Expression.True;

        public IReadOnlyList<string>? Columns { get; init; }

        public bool CaseSensitive { get; init; } = true;

        public int? Parallelism { get; init; }

        public long? SplitTargetSize { get; init; }

        public long? OpenFileCost { get; init; }

        public bool ColumnStats { get; init; }
    }

    /// <summary>A data entry that survived pruning, with the residual its partition leaves.</summary>
    private sealed record PlannedFile(DataFile File, long SequenceNumber, Expression Residual);
}
