using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;

namespace Floe.Table.Scanning;

/// <summary>
/// The rows appended between two snapshots: the data files added by the <c>append</c> snapshots after the start
/// snapshot (exclusive, or inclusive when asked) up to the end snapshot (the current one by default), which must
/// descend from the start. Snapshots of other operations (overwrite, delete, replace) are skipped, as their changes
/// are not appends. Instances are immutable: each option returns a new scan.
/// </summary>
public sealed class IncrementalAppendScan
{
    private readonly Options _options;

    public IncrementalAppendScan(TableMetadata metadata, IFileIO fileIO)
        : this(new Options(metadata ?? throw new ArgumentNullException(nameof(metadata)), fileIO ?? throw new ArgumentNullException(nameof(fileIO))))
    {
    }

    private IncrementalAppendScan(Options options) => _options = options;

    public TableMetadata Metadata => _options.Metadata;

    /// <summary>The current schema, which the rows are read in.</summary>
    public Schema Schema => Metadata.CurrentSchema;

    public Schema Projection => _options.Columns is { } columns
        ? SchemaProjection.Select(Schema, columns, _options.CaseSensitive)
        : Schema;

    /// <summary>Starts after <paramref name="snapshotId"/>: its own appends are not included.</summary>
    public IncrementalAppendScan FromSnapshotExclusive(long snapshotId) => new(_options with { From = snapshotId, FromInclusive = false });

    /// <summary>Starts at <paramref name="snapshotId"/>, including its appends.</summary>
    public IncrementalAppendScan FromSnapshotInclusive(long snapshotId) => new(_options with { From = snapshotId, FromInclusive = true });

    /// <summary>Ends at <paramref name="snapshotId"/> (inclusive) instead of the current snapshot.</summary>
    public IncrementalAppendScan ToSnapshot(long snapshotId) => new(_options with { To = snapshotId });

    public IncrementalAppendScan Where(Expression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new(_options with { Filter = Expr.And(_options.Filter, filter) });
    }

    public IncrementalAppendScan Select(params IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new(_options with { Columns = [.. columns] });
    }

    public IncrementalAppendScan CaseSensitive(bool caseSensitive) => new(_options with { CaseSensitive = caseSensitive });

    /// <summary>The append snapshots in the range, oldest first.</summary>
    public IReadOnlyList<Snapshot> AppendSnapshots()
    {
        Snapshot? end = _options.To is long to
            ? Metadata.SnapshotById(to) ?? throw new FloeException(FloeErrorKind.NotFound, $"The table has no snapshot {to}.")
            : Metadata.CurrentSnapshot;
        if (end is null)
        {
            return [];
        }

        if (_options.From is long from && Metadata.SnapshotById(from) is null)
        {
            throw new FloeException(FloeErrorKind.NotFound, $"The table has no snapshot {from}.");
        }

        var range = new List<Snapshot>();
        bool reachedStart = _options.From is null;
        foreach (Snapshot snapshot in Metadata.Ancestors(end.SnapshotId))
        {
            bool isStart = snapshot.SnapshotId == _options.From;
            if (isStart && !_options.FromInclusive)
            {
                reachedStart = true;
                break;
            }

            range.Add(snapshot);
            if (isStart)
            {
                reachedStart = true;
                break;
            }
        }

        if (!reachedStart)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Snapshot {_options.From} is not an ancestor of snapshot {end.SnapshotId}; there is no append history between them.");
        }

        range.Reverse();
        return [.. range.Where(s => s.Operation == SnapshotOperations.Append)];
    }

    /// <summary>One task per data file added by the append snapshots in the range that may hold matching rows.</summary>
    public async Task<IReadOnlyList<FileScanTask>> PlanFilesAsync(CancellationToken cancellationToken = default)
    {
        Schema schema = Schema;
        Schema projection = Projection;
        Expression filter = ScanFilters.Bind(schema, _options.Filter, _options.CaseSensitive);
        var pruning = new ScanPruning(Metadata, schema, filter);
        var tasks = new List<FileScanTask>();
        foreach (Snapshot snapshot in AppendSnapshots())
        {
            IReadOnlyList<ManifestFile> manifests = await ScanManifests.ListAsync(snapshot, _options.FileIO, cancellationToken).ConfigureAwait(false);
            foreach (ManifestFile manifest in manifests)
            {
                // Only manifests the snapshot wrote can hold the files it added.
                if (manifest.AddedSnapshotId != snapshot.SnapshotId || manifest.Content != ManifestContent.Data
                    || !manifest.HasAddedFiles || !pruning.ManifestMightMatch(manifest))
                {
                    continue;
                }

                foreach (ManifestEntry entry in await ScanManifests.ReadAsync(manifest, _options.FileIO, cancellationToken).ConfigureAwait(false))
                {
                    if (entry.Status == EntryStatus.Added && entry.SnapshotId == snapshot.SnapshotId && entry.File is DataFile file
                        && pruning.PartitionMightMatch(file) && pruning.MetricsMightMatch(file))
                    {
                        tasks.Add(new FileScanTask(file, entry.DataSequenceNumber ?? 0, [], pruning.SpecOf(file.SpecId), schema, projection, pruning.ResidualOf(file)));
                    }
                }
            }
        }

        return tasks;
    }

    /// <summary>Reads the appended rows, oldest append first.</summary>
    public async IAsyncEnumerable<ColumnBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<FileScanTask> tasks = await PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        var reader = new FileScanTaskReader(_options.FileIO, TableScan.NameMappingOf(Metadata));
        foreach (FileScanTask task in tasks)
        {
            await foreach (ColumnBatch batch in reader.ReadAsync(task, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    private sealed record Options(TableMetadata Metadata, IFileIO FileIO)
    {
        public long? From { get; init; }

        public bool FromInclusive { get; init; }

        public long? To { get; init; }

        public Expression Filter { get; init; } = Expression.True;

        public IReadOnlyList<string>? Columns { get; init; }

        public bool CaseSensitive { get; init; } = true;
    }
}
