using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using IcebergSchema = Floe.Core.Schemas.Schema;

namespace Floe.Table.Scanning;

/// <summary>
/// One unit of scan work: a data file, the delete files that apply to it and the filter its rows must still pass.
/// Tasks are independent, so they can be read in parallel (<see cref="FileScanTaskReader"/>).
/// </summary>
public sealed class FileScanTask
{
    public FileScanTask(
        DataFile file, long dataSequenceNumber, IReadOnlyList<DeleteFile> deletes, PartitionSpec spec,
        IcebergSchema schema, IcebergSchema projection, Expression residual)
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
    }

    public DataFile File { get; }

    /// <summary>The data file's data sequence number, which decided the deletes that apply.</summary>
    public long DataSequenceNumber { get; }

    /// <summary>Position and equality delete files to apply to the file's rows.</summary>
    public IReadOnlyList<DeleteFile> Deletes { get; }

    /// <summary>The partition spec the file was written with.</summary>
    public PartitionSpec Spec { get; }

    /// <summary>The table schema the scan reads with (filters and equality ids resolve in it).</summary>
    public IcebergSchema Schema { get; }

    /// <summary>The columns returned.</summary>
    public IcebergSchema Projection { get; }

    /// <summary>The row filter each returned row must pass (true when every row is returned).</summary>
    public Expression Residual { get; }

    public override string ToString() => $"{File.FilePath} ({File.RecordCount} rows, {Deletes.Count} delete files)";
}
