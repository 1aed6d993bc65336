using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Removes data files from the table (operation <c>delete</c>) by path, or by a row filter that whole files must match
/// (decided from their partitions; a file of which only some rows may match fails the commit). Paths no longer in the
/// table are ignored.
/// </summary>
public sealed class DeleteFiles : FileChangeProducer
{
    internal DeleteFiles(ITableOperations operations)
        : base(operations)
    {
    }

    protected override string Operation => SnapshotOperations.Delete;

    public DeleteFiles DeleteFile(string path)
    {
        RemovePath(path);
        return this;
    }

    public DeleteFiles DeleteFromRowFilter(Floe.Core.Expressions.Expression rowFilter)
    {
        RemoveWhere(rowFilter);
        return this;
    }

    public DeleteFiles DeleteFile(ContentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        RemovePath(file.FilePath);
        return this;
    }
}
