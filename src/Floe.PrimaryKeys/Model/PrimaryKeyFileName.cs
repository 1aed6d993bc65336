using System.Globalization;

namespace Floe.PrimaryKeys.Model;

/// <summary>
/// The parts of a file name of a primary-key table:
/// <c>{nodeId}-{I|ED|B|PD}-{transactionId}-{partitionOrdinal:00000}-{taskId}-{operationId}-{count:00000}.parquet</c>.
/// </summary>
public sealed record PrimaryKeyFileName(DataTreeNode Node, PrimaryKeyFileKind Kind, long TransactionId, int PartitionOrdinal, long TaskId, string OperationId, int Count)
{
    /// <summary>The file name (no folder).</summary>
    public string Format(string extension = "parquet") => string.Create(
        CultureInfo.InvariantCulture,
        $"{Node.Id}-{Code(Kind)}-{TransactionId}-{PartitionOrdinal:00000}-{TaskId}-{OperationId}-{Count:00000}.{extension}");

    public override string ToString() => Format();

    public static string Code(PrimaryKeyFileKind kind) => kind switch
    {
        PrimaryKeyFileKind.Insert => "I",
        PrimaryKeyFileKind.EqualityDelete => "ED",
        PrimaryKeyFileKind.Base => "B",
        PrimaryKeyFileKind.PositionDelete => "PD",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses the name part of a path; null when it does not follow the pattern.</summary>
    public static PrimaryKeyFileName? TryParse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = path[(path.LastIndexOf('/') + 1)..];
        int dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            name = name[..dot];
        }

        // The operation id may itself hold dashes (a GUID), so the fixed parts are read from both ends.
        string[] parts = name.Split('-');
        if (parts.Length < 7)
        {
            return null;
        }

        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long nodeId) || nodeId < 1
            || ParseKind(parts[1]) is not PrimaryKeyFileKind kind
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long transactionId)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int partitionOrdinal)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out long taskId)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            return null;
        }

        string operationId = string.Join('-', parts[5..^1]);
        return operationId.Length == 0 ? null : new PrimaryKeyFileName(DataTreeNode.OfId(nodeId), kind, transactionId, partitionOrdinal, taskId, operationId, count);
    }

    private static PrimaryKeyFileKind? ParseKind(string code) => code switch
    {
        "I" => PrimaryKeyFileKind.Insert,
        "ED" => PrimaryKeyFileKind.EqualityDelete,
        "B" => PrimaryKeyFileKind.Base,
        "PD" => PrimaryKeyFileKind.PositionDelete,
        _ => null,
    };
}
