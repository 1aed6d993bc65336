using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;

namespace Floe.Table.Scanning;

/// <summary>
/// One unit of scan work: a data file (or a byte range of it), the delete files that apply to it and the filter its
/// rows must still pass. Tasks are independent, so they can be read in parallel (<see cref="FileScanTaskReader"/>).
/// A range task reads the row groups whose middle lies in <c>[Start, Start + Length)</c>, so the ranges of one file's
/// tasks together read every row group exactly once.
/// </summary>
public sealed class FileScanTask
{
    /// <summary>A task over the whole file.</summary>
    public FileScanTask(
        DataFile file, long dataSequenceNumber, IReadOnlyList<DeleteFile> deletes, PartitionSpec spec,
        Schema schema, Schema projection, Expression residual)
        : this(file, dataSequenceNumber, deletes, spec, schema, projection, residual, 0, file?.FileSizeInBytes ?? 0)
    {
    }

    /// <summary>A task over the bytes <c>[start, start + length)</c> of the file.</summary>
    public FileScanTask(
        DataFile file, long dataSequenceNumber, IReadOnlyList<DeleteFile> deletes, PartitionSpec spec,
        Schema schema, Schema projection, Expression residual, long start, long length)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(deletes);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(residual);
        File = file;
        DataSequenceNumber = dataSequenceNumber;
        Deletes = deletes;
        Spec = spec;
        Schema = schema;
        Projection = projection;
        Residual = residual;
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Start = start;
        Length = length;
    }

    public DataFile File { get; }

    /// <summary>The data file's data sequence number, which decided the deletes that apply.</summary>
    public long DataSequenceNumber { get; }

    /// <summary>Position and equality delete files to apply to the file's rows.</summary>
    public IReadOnlyList<DeleteFile> Deletes { get; }

    /// <summary>The partition spec the file was written with.</summary>
    public PartitionSpec Spec { get; }

    /// <summary>The table schema the scan reads with (filters and equality ids resolve in it).</summary>
    public Schema Schema { get; }

    /// <summary>The columns returned.</summary>
    public Schema Projection { get; }

    /// <summary>The row filter each returned row must pass (true when every row is returned).</summary>
    public Expression Residual { get; }

    /// <summary>The first byte of the range this task reads.</summary>
    public long Start { get; }

    /// <summary>The length in bytes of the range this task reads.</summary>
    public long Length { get; }

    /// <summary>True when the task reads every row group of the file.</summary>
    public bool IsWholeFile => Start == 0 && Length >= File.FileSizeInBytes;

    /// <summary>The same task over another byte range of the file.</summary>
    public FileScanTask WithRange(long start, long length) =>
        new(File, DataSequenceNumber, Deletes, Spec, Schema, Projection, Residual, start, length);

    public override string ToString() => IsWholeFile
        ? $"{File.FilePath} ({File.RecordCount} rows, {Deletes.Count} delete files)"
        : $"{File.FilePath} bytes {Start}+{Length} ({Deletes.Count} delete files)";
}
