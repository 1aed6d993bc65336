using System.Globalization;
using Floe.Common.Errors;

namespace Floe.PrimaryKeys.ChangeData;

/// <summary>
/// Where a change-data consumer stands: every change up to and including (<see cref="TransactionId"/>,
/// <see cref="Offset"/>) has been delivered, and the change store was read up to snapshot <see cref="SnapshotId"/>.
/// A consumer stores it (as <see cref="ToString"/>) and resumes from it without duplicates or gaps, because
/// transaction ids are the change store's commit order and offsets order the changes within a transaction.
/// </summary>
public readonly record struct ChangePosition(long SnapshotId, long TransactionId, long Offset) : IComparable<ChangePosition>
{
    /// <summary>The offset meaning "the whole transaction was delivered".</summary>
    public const long EndOfTransaction = long.MaxValue;

    /// <summary>True when the position stands at a transaction boundary (nothing of a transaction half delivered).</summary>
    public bool IsTransactionBoundary => Offset == EndOfTransaction;

    /// <summary>The position after every change of snapshot <paramref name="snapshotId"/> with sequence number <paramref name="sequenceNumber"/>.</summary>
    public static ChangePosition AfterSnapshot(long snapshotId, long sequenceNumber) => new(snapshotId, sequenceNumber, EndOfTransaction);

    /// <summary>True when the change (<paramref name="transactionId"/>, <paramref name="offset"/>) comes after this position.</summary>
    public bool IsBefore(long transactionId, long offset) =>
        transactionId > TransactionId || (transactionId == TransactionId && offset > Offset);

    /// <summary>Orders by (transaction id, offset); the snapshot id does not take part.</summary>
    public int CompareTo(ChangePosition other)
    {
        int byTransaction = TransactionId.CompareTo(other.TransactionId);
        return byTransaction != 0 ? byTransaction : Offset.CompareTo(other.Offset);
    }

    /// <summary><c>snapshotId:transactionId:offset</c>, with <c>end</c> for <see cref="EndOfTransaction"/>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{SnapshotId}:{TransactionId}:{(IsTransactionBoundary ? "end" : Offset.ToString(CultureInfo.InvariantCulture))}");

    /// <summary>Parses the form <see cref="ToString"/> writes.</summary>
    public static ChangePosition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long snapshotId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long transactionId))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Change position '{text}' is not of the form snapshotId:transactionId:offset.");
        }

        long offset;
        if (parts[2] == "end")
        {
            offset = EndOfTransaction;
        }
        else if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Change position '{text}' has offset '{parts[2]}'; expected a non-negative number or 'end'.");
        }

        return new ChangePosition(snapshotId, transactionId, offset);
    }
}
