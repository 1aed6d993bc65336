namespace Floe.Mixed.Model;

/// <summary>
/// The node, kind and transaction of a file of either store. Names that do not follow <see cref="MixedFileName"/>'s
/// pattern are read as Amoro reads them: a base file is a <see cref="MixedFileKind.Base"/> file of the root node with
/// transaction 0, a change file an <see cref="MixedFileKind.Insert"/> file of the root node whose transaction is the
/// data sequence number it was committed with.
/// </summary>
public static class MixedFiles
{
    public static (DataTreeNode Node, MixedFileKind Kind, long TransactionId) OfBaseFile(string path)
    {
        MixedFileName? name = MixedFileName.TryParse(path);
        return name is null ? (DataTreeNode.Root, MixedFileKind.Base, 0) : (name.Node, name.Kind, name.TransactionId);
    }

    public static (DataTreeNode Node, MixedFileKind Kind, long TransactionId) OfChangeFile(string path, long dataSequenceNumber)
    {
        MixedFileName? name = MixedFileName.TryParse(path);
        return name is null || name.Kind is not (MixedFileKind.Insert or MixedFileKind.EqualityDelete)
            ? (DataTreeNode.Root, MixedFileKind.Insert, dataSequenceNumber)
            : (name.Node, name.Kind, name.TransactionId);
    }
}
