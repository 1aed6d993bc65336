using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>Removes data files from the table by path (operation <c>delete</c>); paths no longer in the table are ignored.</summary>
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

    public DeleteFiles DeleteFile(ContentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        RemovePath(file.FilePath);
        return this;
    }
}
