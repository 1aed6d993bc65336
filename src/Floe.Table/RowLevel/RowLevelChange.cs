using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Table.Data.Deletes;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.Table.RowLevel;

/// <summary>
/// A row-level delete or update of a plain Iceberg table, planned at its current snapshot. Files whose rows cannot match
/// are pruned by partition and metrics (<see cref="PredicatePushdown.Possibly"/>); files whose partition or metrics prove
/// that every row matches are removed whole (a delete does not read them); the other files are read with their
/// deletes and the condition evaluated on each batch. Merge-on-read then writes one position delete file per
/// partition; copy-on-write rewrites the files with matches without them (same spec and partition). Updated rows are
/// written as new data files in the current spec, so a changed partition column moves the row. Everything is committed
/// in one <see cref="RowDelta"/> validated as Spark validates row-level commits: from the snapshot read, only against
/// concurrent files that may hold matching rows; concurrent deletes of those rows, or removal of a file this change
/// references, fail the commit; under serializable isolation, so do concurrently added matching data files.
/// </summary>
public sealed class RowLevelChange
{
    private readonly IcebergTable _table;
    private readonly RowPredicate _where;
    private readonly IReadOnlyList<Assignment>? _set;

    internal RowLevelChange(IcebergTable table, RowPredicate where, IReadOnlyList<Assignment>? set)
    {
        ArgumentNullException.ThrowIfNull(where);
        _table = table;
        _where = where;
        _set = set;
    }

    private bool IsUpdate => _set is not null;

    /// <summary>Plans the change and writes its files; nothing is committed yet.</summary>
    public async Task<RowLevelPlan> PlanAsync(CancellationToken cancellationToken = default)
    {
        TableMetadata metadata = _table.Metadata;
        RowLevelMode mode = RowLevelProperties.Mode(metadata, IsUpdate ? RowLevelWriteProperties.UpdateMode : RowLevelWriteProperties.DeleteMode);
        RowLevelIsolation isolation = RowLevelProperties.Isolation(metadata, IsUpdate ? RowLevelWriteProperties.UpdateIsolationLevel : RowLevelWriteProperties.DeleteIsolationLevel);
        Schema schema = metadata.CurrentSchema;
        Schema fullRead = new([.. schema.Columns, MetadataColumns.RowPosition]);

        // Check the condition and assignments against the schema before reading anything.
        IReadOnlySet<int> conditionIds = RowMatcher.ColumnsOf(schema, _where);
        RowUpdater? updater = _set is null ? null : new RowUpdater(schema, fullRead, _set);
        Snapshot? snapshot = metadata.CurrentSnapshot;
        if (snapshot is null)
        {
            return new RowLevelPlan(_table.Operations.Io, null, [], new RowLevelResult { Mode = mode });
        }

        Expression possibly = PredicatePushdown.Possibly(_where);
        Expression definitely = PredicatePushdown.Definitely(_where);
        IReadOnlyList<FileScanTask> tasks = await new TableScan(metadata, _table.Operations.Io)
            .UseSnapshot(snapshot.SnapshotId).Where(possibly).IncludeColumnStats().PlanFilesAsync(cancellationToken).ConfigureAwait(false);

        var run = new Run(_table, metadata, mode, updater, cancellationToken);
        try
        {
            var strictMetrics = new StrictMetricsFilter(schema, definitely);
            var strictPartitions = new Dictionary<int, ResidualFilter>();
            Schema conditionRead = new([.. SchemaProjection.Project(schema, conditionIds).Columns, MetadataColumns.RowPosition]);
            var matcher = new RowMatcher(conditionRead, _where);
            var fullMatcher = new RowMatcher(fullRead, _where);
            foreach (FileScanTask planned in tasks)
            {
                if (!strictPartitions.TryGetValue(planned.Spec.SpecId, out ResidualFilter? strictPartition))
                {
                    strictPartition = new ResidualFilter(planned.Spec, schema, definitely);
                    strictPartitions[planned.Spec.SpecId] = strictPartition;
                }

                bool allMatch = strictPartition.For(planned.File.Partition) is TrueExpression || strictMetrics.AllRowsMatch(planned.File);
                var task = new FileScanTask(planned.File, planned.DataSequenceNumber, planned.Deletes, planned.Spec, schema, schema, Expression.True);
                if (allMatch)
                {
                    await run.RemoveWholeAsync(task).ConfigureAwait(false);
                }
                else if (mode == RowLevelMode.MergeOnRead)
                {
                    await run.MarkRowsAsync(task, IsUpdate ? fullMatcher : matcher, IsUpdate ? fullRead : conditionRead).ConfigureAwait(false);
                }
                else
                {
                    await run.RewriteAsync(task, matcher, conditionRead, fullMatcher, fullRead).ConfigureAwait(false);
                }
            }

            return await run.FinishAsync(snapshot.SnapshotId, possibly, isolation).ConfigureAwait(false);
        }
        catch
        {
            await run.AbortAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Plans and commits.</summary>
    public async Task<RowLevelResult> CommitAsync(CancellationToken cancellationToken = default)
    {
        RowLevelPlan plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        return await plan.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state of one planning run: readers, writers and what they produced.</summary>
    private sealed class Run
    {
        private readonly IcebergTable _table;
        private readonly TableMetadata _metadata;
        private readonly RowLevelMode _mode;
        private readonly RowUpdater? _updater;
        private readonly CancellationToken _ct;
        private readonly FileScanTaskReader _reader;
        private readonly DataLocations _locations;
        private readonly Dictionary<(int SpecId, PartitionData Partition), PositionDeleteWriter> _deletes = [];
        private readonly Dictionary<(int SpecId, PartitionData Partition), RollingDataWriter> _rewrites = [];
        private readonly List<DataFile> _removed = [];
        private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);
        private readonly List<string> _written = [];
        private PartitionedFanoutWriter? _updated;
        private long _rows;
        private int _wholeFiles;
        private int _rewritten;

        public Run(IcebergTable table, TableMetadata metadata, RowLevelMode mode, RowUpdater? updater, CancellationToken ct)
        {
            _table = table;
            _metadata = metadata;
            _mode = mode;
            _updater = updater;
            _ct = ct;
            _reader = new FileScanTaskReader(table.Operations.Io, TableScan.NameMappingOf(metadata));
            _locations = DataLocations.ForTable(metadata.Location, metadata.Properties);
        }

        /// <summary>Every row matches: remove the file; an update rewrites all its live rows.</summary>
        public async Task RemoveWholeAsync(FileScanTask task)
        {
            _removed.Add(task.File);
            _wholeFiles++;
            if (_updater is not null)
            {
                await ForEachBatchAsync(task, new Schema([.. task.Schema.Columns, MetadataColumns.RowPosition]), async batch =>
                {
                    await WriteUpdatedAsync(batch, [.. Enumerable.Range(0, batch.RowCount)]).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else if (task.Deletes.Count == 0)
            {
                _rows += task.File.RecordCount;
            }
            else
            {
                // Rows already deleted are not counted: read just the live positions.
                await ForEachBatchAsync(task, new Schema([MetadataColumns.RowPosition]), batch =>
                {
                    _rows += batch.RowCount;
                    return ValueTask.CompletedTask;
                }).ConfigureAwait(false);
            }
        }

        /// <summary>Merge-on-read: position deletes for the matching rows (and their updated copies).</summary>
        public async Task MarkRowsAsync(FileScanTask task, RowMatcher matcher, Schema read)
        {
            int positionIndex = read.Columns.Count - 1;
            await ForEachBatchAsync(task, read, async batch =>
            {
                int[] matched = matcher.MatchingRows(batch);
                if (matched.Length == 0)
                {
                    return;
                }

                PositionDeleteWriter writer = await DeleteWriterAsync(task).ConfigureAwait(false);
                var positions = (PrimitiveVector<long>)batch.Column(positionIndex);
                foreach (int row in matched)
                {
                    writer.Delete(task.File.FilePath, positions[row]);
                }

                _referenced.Add(task.File.FilePath);
                await WriteUpdatedAsync(batch, matched).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        /// <summary>Copy-on-write: find matches with the condition's columns only; rewrite the file only if there are some.</summary>
        public async Task RewriteAsync(FileScanTask task, RowMatcher matcher, Schema read, RowMatcher fullMatcher, Schema fullRead)
        {
            bool any = false;
            await ForEachBatchAsync(task, read, batch =>
            {
                any |= matcher.MatchingRows(batch).Length > 0;
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
            if (!any)
            {
                return;
            }

            _removed.Add(task.File);
            _rewritten++;
            RollingDataWriter writer = RewriteWriter(task);
            int width = task.Schema.Columns.Count;
            await ForEachBatchAsync(task, fullRead, async batch =>
            {
                int[] matched = fullMatcher.MatchingRows(batch);
                int[] kept = Complement(matched, batch.RowCount);
                if (kept.Length > 0)
                {
                    using ColumnBatch rows = ColumnGather.Take(batch, kept);
                    using ColumnBatch tableRows = new([.. rows.Fields.Take(width)], [.. rows.Columns.Take(width)]);
                    await writer.WriteAsync(tableRows, _ct).ConfigureAwait(false);
                }

                await WriteUpdatedAsync(batch, matched).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        public async Task<RowLevelPlan> FinishAsync(long snapshotId, Expression conflictFilter, RowLevelIsolation isolation)
        {
            var addedData = new List<DataFile>();
            foreach (RollingDataWriter writer in _rewrites.Values)
            {
                Track(addedData, await writer.CloseAsync(_ct).ConfigureAwait(false));
            }

            if (_updated is not null)
            {
                Track(addedData, await _updated.CloseAsync(_ct).ConfigureAwait(false));
            }

            var addedDeletes = new List<DeleteFile>();
            foreach (PositionDeleteWriter writer in _deletes.Values)
            {
                addedDeletes.Add(await writer.CloseAsync(_ct).ConfigureAwait(false));
            }

            var result = new RowLevelResult
            {
                Mode = _mode,
                Rows = _rows,
                DataFilesRemoved = _wholeFiles,
                DataFilesRewritten = _rewritten,
                DataFilesAdded = addedData.Count,
                DeleteFilesAdded = addedDeletes.Count,
            };
            if (_removed.Count == 0 && addedData.Count == 0 && addedDeletes.Count == 0)
            {
                return new RowLevelPlan(_table.Operations.Io, null, _written, result);
            }

            RowDelta delta = _table.NewRowDelta();
            delta.ValidateFromSnapshot(snapshotId);
            delta.ConflictDetectionFilter(conflictFilter);
            _removed.ForEach(file => delta.RemoveRows(file));
            addedData.ForEach(file => delta.AddRows(file));
            addedDeletes.ForEach(file => delta.AddDeletes(file));
            if (_referenced.Count > 0)
            {
                delta.ValidateDataFilesExist(_referenced).ValidateDeletedFiles();
            }

            if (isolation == RowLevelIsolation.Serializable)
            {
                delta.ValidateNoConflictingDataFiles();
            }

            delta.ValidateNoConflictingDeleteFiles();
            return new RowLevelPlan(_table.Operations.Io, delta, _written, result);
        }

        public async Task AbortAsync()
        {
            foreach (RollingDataWriter writer in _rewrites.Values)
            {
                await writer.AbortAsync(CancellationToken.None).ConfigureAwait(false);
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            if (_updated is not null)
            {
                await _updated.AbortAsync(CancellationToken.None).ConfigureAwait(false);
                await _updated.DisposeAsync().ConfigureAwait(false);
            }

            foreach (PositionDeleteWriter writer in _deletes.Values)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            await RowLevelPlan.DeleteAsync(_table.Operations.Io, _written).ConfigureAwait(false);
        }

        private void Track(List<DataFile> added, IReadOnlyList<DataFile> files)
        {
            added.AddRange(files);
            _written.AddRange(files.Select(f => f.FilePath));
        }

        private async Task ForEachBatchAsync(FileScanTask task, Schema read, Func<ColumnBatch, ValueTask> action)
        {
            var scoped = new FileScanTask(task.File, task.DataSequenceNumber, task.Deletes, task.Spec, task.Schema, read, Expression.True);
            await foreach (ColumnBatch batch in _reader.ReadAsync(scoped, _ct).ConfigureAwait(false))
            {
                using (batch)
                {
                    await action(batch).ConfigureAwait(false);
                }
            }
        }

        private async ValueTask WriteUpdatedAsync(ColumnBatch batch, int[] matched)
        {
            if (_updater is null)
            {
                _rows += matched.Length;
                return;
            }

            if (matched.Length == 0)
            {
                return;
            }

            _rows += matched.Length;
            if (_updated is null)
            {
                DataWriterConfig config = DataWriterConfig.FromProperties(_metadata.CurrentSchema, _metadata.DefaultSpec, _metadata.Properties);
                _updated = new PartitionedFanoutWriter(_table.Operations.Io, config, _locations);
            }

            using ColumnBatch updated = _updater.Apply(batch, matched);
            await _updated.WriteAsync(updated, _ct).ConfigureAwait(false);
        }

        private async ValueTask<PositionDeleteWriter> DeleteWriterAsync(FileScanTask task)
        {
            var key = (task.Spec.SpecId, task.File.Partition);
            if (!_deletes.TryGetValue(key, out PositionDeleteWriter? writer))
            {
                string location = _locations.NewLocation(task.Spec, task.File.Partition);
                Stream stream = await _table.Operations.Io.NewOutputFile(location).CreateAsync(_ct).ConfigureAwait(false);
                _written.Add(location);
                writer = new PositionDeleteWriter(stream, location, task.Spec, task.File.Partition, DataWriteProperties.ParquetOptions(_metadata.Properties));
                _deletes[key] = writer;
            }

            return writer;
        }

        private RollingDataWriter RewriteWriter(FileScanTask task)
        {
            var key = (task.Spec.SpecId, task.File.Partition);
            if (!_rewrites.TryGetValue(key, out RollingDataWriter? writer))
            {
                DataWriterConfig config = DataWriterConfig.FromProperties(_metadata.CurrentSchema, task.Spec, _metadata.Properties);
                writer = new RollingDataWriter(_table.Operations.Io, config, _locations, task.File.Partition);
                _rewrites[key] = writer;
            }

            return writer;
        }

        private static int[] Complement(int[] sortedRows, int count)
        {
            var result = new int[count - sortedRows.Length];
            int next = 0;
            int skip = 0;
            for (int row = 0; row < count; row++)
            {
                if (skip < sortedRows.Length && sortedRows[skip] == row)
                {
                    skip++;
                    continue;
                }

                result[next++] = row;
            }

            return result;
        }
    }
}
