namespace Floe.PrimaryKeys.Model;

/// <summary>
/// The node, kind and transaction of a file of either store. Names that do not follow <see cref="PrimaryKeyFileName"/>'s
/// pattern are read as Amoro reads them: a base file is a <see cref="PrimaryKeyFileKind.Base"/> file of the root node with
/// transaction 0, a change file an <see cref="PrimaryKeyFileKind.Insert"/> file of the root node whose transaction is the
/// data sequence number it was committed with.
/// </summary>
public static class PrimaryKeyFiles
{
    public static (DataTreeNode Node, PrimaryKeyFileKind Kind, long TransactionId) OfBaseFile(string path)
    {
        PrimaryKeyFileName? name = PrimaryKeyFileName.TryParse(path);
        return name is null ? (DataTreeNode.Root, PrimaryKeyFileKind.Base, 0) : (name.Node, name.Kind, name.TransactionId);
    }

    public static (DataTreeNode Node, PrimaryKeyFileKind Kind, long TransactionId) OfChangeFile(string path, long dataSequenceNumber)
    {
        PrimaryKeyFileName? name = PrimaryKeyFileName.TryParse(path);
        return name is null || name.Kind is not (PrimaryKeyFileKind.Insert or PrimaryKeyFileKind.EqualityDelete)
            ? (DataTreeNode.Root, PrimaryKeyFileKind.Insert, dataSequenceNumber)
            : (name.Node, name.Kind, name.TransactionId);
    }
}
