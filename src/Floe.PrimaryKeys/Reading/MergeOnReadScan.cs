using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// A merge-on-read scan of a primary-key table: per (partition, bucket node), base rows (without those base position
/// deletes remove) count as older than every change after the partition's optimized point, and per key the newest
/// change (by transaction, then offset) wins; a key whose newest change is a delete is gone. Filters prune base files
/// by partition and metrics and filter rows; change files are pruned only by the filter's key-column conjuncts, because
/// a change that fails the filter still hides older versions of its key. Nodes are merged in parallel, each holding
/// only its keys in memory, and a node's base files are read in parallel once its keys are known. Instances are
/// immutable: each option returns a new scan.
/// </summary>
public sealed class MergeOnReadScan : ITableScan
{
    private readonly PrimaryKeyTable _table;
    private readonly Expression _filter;
    private readonly IReadOnlyList<string>? _columns;
    private readonly long? _changeSnapshotId;
    private readonly bool _caseSensitive;
    private readonly int _parallelism;

    internal MergeOnReadScan(PrimaryKeyTable table)
        : this(table, Expression.True, null, null, true, Math.Max(1, Environment.ProcessorCount))
    {
    }

    private MergeOnReadScan(PrimaryKeyTable table, Expression filter, IReadOnlyList<string>? columns, long? changeSnapshotId, bool caseSensitive, int parallelism)
    {
        _table = table;
        _filter = filter;
        _columns = columns;
        _changeSnapshotId = changeSnapshotId;
        _caseSensitive = caseSensitive;
        _parallelism = parallelism;
    }

    /// <summary>The columns returned: those selected, or all user columns.</summary>
    public Schema Projection => _columns is null ? _table.Schema : SchemaProjection.Select(_table.Schema, _columns, _caseSensitive);

    /// <summary>Adds a row filter (combined with earlier ones by and).</summary>
    public MergeOnReadScan Where(Expression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new(_table, Expr.And(_filter, filter), _columns, _changeSnapshotId, _caseSensitive, _parallelism);
    }

    /// <summary>Returns only these columns (dotted names reach into structs).</summary>
    public MergeOnReadScan Select(params IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new(_table, _filter, [.. columns], _changeSnapshotId, _caseSensitive, _parallelism);
    }

    public MergeOnReadScan CaseSensitive(bool caseSensitive) => new(_table, _filter, _columns, _changeSnapshotId, caseSensitive, _parallelism);

    /// <summary>How many (partition, node) tasks are merged at once (default: the processor count).</summary>
    public MergeOnReadScan WithParallelism(int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        return new(_table, _filter, _columns, _changeSnapshotId, _caseSensitive, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Reads the table as of a change store snapshot: the changes committed up to it, over the newest base snapshot
    /// whose optimized points are all at or below that snapshot's sequence number.
    /// </summary>
    public MergeOnReadScan AsOfChangeSnapshot(long snapshotId) => new(_table, _filter, _columns, snapshotId, _caseSensitive, _parallelism);

    /// <summary>Reads the table as of the change snapshot current at a time (milliseconds since the epoch); NotFound when there was none.</summary>
    public MergeOnReadScan AsOfTime(long timestampMs)
    {
        Snapshot found = SnapshotSelection.AsOf(timestampMs).Resolve(_table.ChangeTable.Metadata)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"Table {_table.Name} has no change snapshot at or before {timestampMs} ms.");
        return AsOfChangeSnapshot(found.SnapshotId);
    }

    ITableScan ITableScan.Where(Expression filter) => Where(filter);

    ITableScan ITableScan.Select(params IEnumerable<string> columns) => Select(columns);

    /// <summary>Checks the change snapshot now, so a missing one fails where it is chosen rather than when rows are read.</summary>
    ITableScan ITableScan.UseSnapshot(long snapshotId) => _table.ChangeTable.Metadata.SnapshotById(snapshotId) is null
        ? throw new FloeException(FloeErrorKind.NotFound, $"Table {_table.Name} has no change snapshot {snapshotId}.")
        : AsOfChangeSnapshot(snapshotId);

    ITableScan ITableScan.AsOfTime(long timestampMs) => AsOfTime(timestampMs);

    /// <summary>Plans the scan: one task per (partition, node) with its base and change files.</summary>
    public async Task<IReadOnlyList<MergeTask>> PlanAsync(CancellationToken cancellationToken = default)
    {
        TableMetadata change = _table.ChangeTable.Metadata;
        TableMetadata @base = _table.BaseTable.Metadata;
        Snapshot? changeSnapshot = ChangeSnapshot(change);
        Snapshot? baseSnapshot = BaseSnapshot(@base, changeSnapshot);
        OptimizedSequence optimized = OptimizedSequence.Of(@base, baseSnapshot);
        Expression bound = Bind(_table.Schema);
        Expression keyFilter = KeyConjuncts(bound, [.. _table.PrimaryKey.FieldIds]);
        TasksKey? key = changeSnapshot is { ManifestList: null } || baseSnapshot is { ManifestList: null } || !MergeCaches.Tasks.Enabled ? null : new TasksKey(
            $"{change.Location}|{changeSnapshot?.ManifestList}|{change.CurrentSchemaId}",
            $"{@base.Location}|{baseSnapshot?.ManifestList}|{@base.CurrentSchemaId}",
            StorePlans.Fingerprint(bound),
            _caseSensitive);
        if (key is { } cachedKey && MergeCaches.Tasks.TryGet(cachedKey, out IReadOnlyList<MergeTask> cached))
        {
            return cached;
        }

        Task<IReadOnlyList<FileScanTask>> basePlan = Task.FromResult<IReadOnlyList<FileScanTask>>([]);
        if (baseSnapshot is not null)
        {
            Task<IReadOnlyList<FileScanTask>> PlanBase() =>
                StorePlans.PlanAsync(@base, _table.BaseTable.Operations.Io, baseSnapshot, bound, _caseSensitive, cancellationToken);

            // A base snapshot not planned yet (optimizing committed since) is planned on another thread while this one
            // plans the change snapshot: the two stores' plans do not depend on each other.
            bool alongside = changeSnapshot is not null && !StorePlans.IsCached(@base, baseSnapshot, bound, _caseSensitive);
            basePlan = alongside ? Task.Run(PlanBase, cancellationToken) : PlanBase();
        }

        Task<IReadOnlyList<FileScanTask>> changePlan = changeSnapshot is null
            ? Task.FromResult<IReadOnlyList<FileScanTask>>([])
            : StorePlans.PlanAsync(change, _table.ChangeTable.Operations.Io, changeSnapshot, keyFilter, _caseSensitive, cancellationToken);
        await Task.WhenAll(basePlan, changePlan).ConfigureAwait(false);
        IReadOnlyList<FileScanTask> baseFiles = await basePlan.ConfigureAwait(false);
        IReadOnlyList<FileScanTask> changeFiles = await changePlan.ConfigureAwait(false);

        var files = new List<(string Partition, DataTreeNode Node, bool IsBase, FileScanTask Task)>();
        // Merging reads whole files; planners that split files into byte ranges give one task per file here.
        foreach (FileScanTask task in baseFiles.DistinctBy(t => t.File.FilePath, StringComparer.Ordinal))
        {
            files.Add((task.Spec.PartitionPath(task.File.Partition), PrimaryKeyFiles.OfBaseFile(task.File.FilePath).Node, true, task));
        }

        foreach (FileScanTask task in changeFiles.DistinctBy(t => t.File.FilePath, StringComparer.Ordinal))
        {
            string partition = task.Spec.PartitionPath(task.File.Partition);
            (DataTreeNode node, _, long transaction) = PrimaryKeyFiles.OfChangeFile(task.File.FilePath, task.DataSequenceNumber);
            if (transaction > optimized.Of(partition))
            {
                files.Add((partition, node, false, task));
            }
        }

        var tasks = new List<MergeTask>();
        foreach (var partition in files.GroupBy(f => f.Partition, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Every key's versions meet in one group (see NodeGroups).
            List<(DataTreeNode, long, FileScanTask)> Sized(bool isBase) =>
                [.. partition.Where(f => f.IsBase == isBase).Select(f => (f.Node, f.Task.File.FileSizeInBytes, f.Task))];
            foreach (NodeGroup<FileScanTask> group in NodeGroups.Of(Sized(isBase: true), Sized(isBase: false)))
            {
                tasks.Add(new MergeTask(partition.Key, group.Node, optimized.Of(partition.Key), group.BaseFiles, group.ChangeFiles, group.FiltersChangeRows));
            }
        }

        IReadOnlyList<MergeTask> planned = tasks.AsReadOnly();
        if (key is { } newKey)
        {
            MergeCaches.Tasks.Add(newKey, planned, 256 + tasks.Sum(t => 256L + (16L * (t.BaseFiles.Count + t.ChangeFiles.Count))));
        }

        return planned;
    }

    /// <summary>
    /// Plans and merges every task, up to the parallelism at once; fewer tasks than the parallelism read their base files
    /// at once too (the parallelism shared between them). Batches arrive in no particular order.
    /// </summary>
    public async IAsyncEnumerable<ColumnBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<MergeTask> tasks = await PlanAsync(cancellationToken).ConfigureAwait(false);
        var reader = new MergeTaskReader(
            _table.ChangeTable.Operations.Io, _table.ChangeTable.Metadata.Location, _table.Schema, _table.ChangeSchema, Projection, _table.PrimaryKey.FieldIds, Bind(_table.ChangeSchema),
            baseParallelism: Math.Max(1, _parallelism / Math.Max(1, tasks.Count)));
        if (_parallelism == 1 || tasks.Count <= 1)
        {
            foreach (MergeTask task in tasks)
            {
                await foreach (ColumnBatch batch in reader.ReadAsync(task, cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }
            }

            yield break;
        }

        await foreach (ColumnBatch batch in ParallelBatchReader.ReadAsync(tasks, reader.ReadAsync, _parallelism, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    private Snapshot? ChangeSnapshot(TableMetadata change)
    {
        if (_changeSnapshotId is not long id)
        {
            return change.CurrentSnapshot;
        }

        return change.SnapshotById(id)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"Table {_table.Name} has no change snapshot {id}.");
    }

    /// <summary>
    /// The current base snapshot, or when travelling back the newest base snapshot (current first, then its ancestors)
    /// whose optimized points are all at or below the change snapshot's sequence number.
    /// </summary>
    private Snapshot? BaseSnapshot(TableMetadata @base, Snapshot? changeSnapshot)
    {
        if (_changeSnapshotId is null)
        {
            return @base.CurrentSnapshot;
        }

        long limit = changeSnapshot?.SequenceNumber ?? 0;
        for (Snapshot? snapshot = @base.CurrentSnapshot; snapshot is not null; snapshot = snapshot.ParentSnapshotId is long parent ? @base.SnapshotById(parent) : null)
        {
            if (OptimizedSequence.Of(@base, snapshot).Max <= limit)
            {
                return snapshot;
            }
        }

        return null;
    }

    private Expression Bind(Schema schema)
    {
        try
        {
            return Binder.IsBound(_filter) ? _filter : Binder.Bind(schema, _filter, _caseSensitive);
        }
        catch (FloeException e)
        {
            throw new FloeException(e.Kind, $"Cannot filter table {_table.Name}: {e.Message}", e);
        }
    }

    /// <summary>The and-ed conjuncts of a bound filter that only read key columns (true when there are none).</summary>
    private static Expression KeyConjuncts(Expression filter, HashSet<int> keyIds) => filter switch
    {
        And and => Expr.And(KeyConjuncts(and.Left, keyIds), KeyConjuncts(and.Right, keyIds)),
        _ => ReadsOnly(filter, keyIds) ? filter : Expression.True,
    };

    private static bool ReadsOnly(Expression expression, HashSet<int> ids) => expression switch
    {
        And and => ReadsOnly(and.Left, ids) && ReadsOnly(and.Right, ids),
        Or or => ReadsOnly(or.Left, ids) && ReadsOnly(or.Right, ids),
        Not not => ReadsOnly(not.Child, ids),
        BoundPredicate predicate => ids.Contains(predicate.Ref.FieldId),
        TrueExpression or FalseExpression => true,
        _ => false,
    };
}
