using System.Diagnostics;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Common.Threading;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Optimizing.Planning;
using Floe.Table.Data.Deletes;
using Floe.Table.Data.Writing;
using Floe.Table.Scanning;

namespace Floe.Optimizing.Execution;

/// <summary>
/// Runs a <see cref="RewriteTask"/>: reads each rewritten data file with its deletes applied and writes the surviving
/// rows to new files rolled at the task's target size; for each rewrite-pos data file, writes one position delete file
/// naming every row its deletes remove. Output names carry the process id, task id and attempt
/// (<c>00000-{task}-opt-{process}-{attempt}-00001.parquet</c>), so a retry never collides with, and its output
/// replaces, a failed attempt's. Whatever a failed attempt wrote is deleted before the error propagates.
/// </summary>
public sealed class RewriteTaskExecutor
{
    private readonly IFileIO _io;

    public RewriteTaskExecutor(IFileIO io)
    {
        ArgumentNullException.ThrowIfNull(io);
        _io = io;
    }

    /// <summary>
    /// Columns of an output file encoded at once (<see cref="Parquet.Writing.ParquetWriterOptions.EncodingParallelism"/>).
    /// 1, the default, keeps a task on one thread, as an optimizer running one task per thread wants; a caller that
    /// runs a single task on several cores grants more. The files written are the same either way.
    /// </summary>
    public int EncodingParallelism
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 1;

    /// <summary>
    /// Threads shared with other tasks (<see cref="Parquet.Writing.ParquetWriterOptions.EncodingThreads"/>): beyond its
    /// own, the task encodes on those it can borrow, up to <see cref="EncodingParallelism"/> in all. Null: no sharing.
    /// </summary>
    public ThreadBudget? EncodingThreads { get; init; }

    public async Task<RewriteTaskOutput> ExecuteAsync(RewriteTask task, int attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var clock = Stopwatch.StartNew();
        TaskTable table = task.Table;
        // Task JSON names files by path: every file read, written or deleted must lie under the table's location.
        IFileIO io = ConfinedFileIO.To(_io, table.Location);
        string dataPath = TableFolders.Data(table.Location, table.Properties);
        string operation = string.Create(CultureInfo.InvariantCulture, $"opt-{task.ProcessId}-{attempt}");
        var config = DataWriterConfig.FromProperties(table.Schema, table.Spec, table.Properties) with { TargetFileSizeBytes = task.TargetSize };
        config = config with { Parquet = config.Parquet with { EncodingParallelism = EncodingParallelism, EncodingThreads = EncodingThreads } };
        NameMapping? mapping = table.Properties.TryGetValue(NameMapping.DefaultProperty, out string? mappingJson) ? NameMapping.Parse(mappingJson) : null;
        var reader = new FileScanTaskReader(io, mapping);
        DeleteFileIndex deletes = DeleteFileIndex.Build(
            task.ReadOnlyDeleteFiles.Concat(task.RewrittenDeleteFiles).Select(f => new ManifestEntry
            {
                Status = EntryStatus.Existing,
                DataSequenceNumber = f.DataSequenceNumber,
                FileSequenceNumber = f.FileSequenceNumber,
                File = f.AsDelete,
            }),
            specId => specId != table.Spec.SpecId || table.Spec.IsUnpartitioned);

        var writer = new RollingDataWriter(io, config, new DataLocations(dataPath, 0, task.TaskId, operation), task.Partition);
        var deleteFiles = new List<DeleteFile>();
        long inputRecords = 0;
        try
        {
            foreach (TaskFile input in task.RewrittenDataFiles)
            {
                DataFile file = input.AsData;
                var scanTask = new FileScanTask(file, input.DataSequenceNumber, deletes.ForDataFile(input.DataSequenceNumber, file), table.Spec, table.Schema, table.Schema, Expression.True);
                // Surviving rows go to the writer in place: a batch with deleted rows is not copied first.
                await foreach (SelectedRows selected in reader.SelectAsync(scanTask, cancellationToken).ConfigureAwait(false))
                {
                    using (selected)
                    {
                        inputRecords += selected.RowCount;
                        if (!selected.IsProjection)
                        {
                            using ColumnBatch own = selected.TakeBatch()!;
                            await writer.WriteAsync(own, cancellationToken).ConfigureAwait(false);
                        }
                        else if (selected.AllRows)
                        {
                            await writer.WriteAsync(selected.Batch, cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            await writer.WriteAsync(selected.Batch, selected.RowMemory, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }

            IReadOnlyList<DataFile> dataFiles = await writer.CloseAsync(cancellationToken).ConfigureAwait(false);
            var deleteLocations = new DataLocations(dataPath, 0, task.TaskId, operation + "-deletes");
            foreach (TaskFile input in task.RewritePosDataFiles)
            {
                if (await WritePositionDeletesAsync(io, reader, table, task, input, deletes, deleteLocations, cancellationToken).ConfigureAwait(false) is { } positionDeletes)
                {
                    deleteFiles.Add(positionDeletes);
                }
            }

            long written = dataFiles.Sum(f => f.RecordCount);
            if (written != inputRecords)
            {
                throw new FloeException(FloeErrorKind.Unexpected, $"Task {task.TaskId} of process {task.ProcessId} read {inputRecords} rows but wrote {written}.");
            }

            return new RewriteTaskOutput
            {
                ProcessId = task.ProcessId,
                TaskId = task.TaskId,
                Attempt = attempt,
                DataFiles = dataFiles,
                DeleteFiles = deleteFiles,
                InputRecords = inputRecords,
                InputBytes = task.InputBytes,
                ElapsedMs = clock.ElapsedMilliseconds,
            };
        }
        catch
        {
            await writer.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (DeleteFile file in deleteFiles)
            {
                await io.DeleteAsync(file.FilePath, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the files of a task output that will not be committed (a superseded attempt, an abandoned process).</summary>
    public static async Task DeleteOutputAsync(IFileIO io, RewriteTaskOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(output);
        foreach (ContentFile file in output.DataFiles.Cast<ContentFile>().Concat(output.DeleteFiles))
        {
            await io.DeleteAsync(file.FilePath, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the surviving row positions of a rewrite-pos data file and writes the others (every row its deletes
    /// remove) to one position delete file for it; null when no row is deleted.
    /// </summary>
    private static async Task<DeleteFile?> WritePositionDeletesAsync(
        IFileIO io, FileScanTaskReader reader, TaskTable table, RewriteTask task, TaskFile input, DeleteFileIndex deletes,
        DataLocations locations, CancellationToken cancellationToken)
    {
        DataFile file = input.AsData;
        var positions = new Schema([MetadataColumns.RowPosition]);
        var scanTask = new FileScanTask(file, input.DataSequenceNumber, deletes.ForDataFile(input.DataSequenceNumber, file), table.Spec, table.Schema, positions, Expression.True);
        var deleted = new List<long>();
        long next = 0;
        await foreach (ColumnBatch batch in reader.ReadAsync(scanTask, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                foreach (long survivor in ((PrimitiveVector<long>)batch.Column(0)).Values)
                {
                    for (; next < survivor; next++)
                    {
                        deleted.Add(next);
                    }

                    next = survivor + 1;
                }
            }
        }

        for (; next < file.RecordCount; next++)
        {
            deleted.Add(next);
        }

        if (deleted.Count == 0)
        {
            return null;
        }

        string location = locations.NewLocation(table.Spec, task.Partition);
        try
        {
            Stream stream = await io.NewOutputFile(location).CreateAsync(cancellationToken).ConfigureAwait(false);
            var writer = new PositionDeleteWriter(stream, location, table.Spec, task.Partition, DataWriteProperties.ParquetOptions(table.Properties));
            await using (writer.ConfigureAwait(false))
            {
                foreach (long position in deleted)
                {
                    writer.Delete(file.FilePath, position);
                }

                return await writer.CloseAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // The caller removes the files already finished; this one is not among them yet.
            await io.DeleteAsync(location, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
