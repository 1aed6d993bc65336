using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Stops a change commit whose predicted transaction id is no longer the sequence number the commit would get (another
/// commit landed first), so that the writer can rewrite its rows with the right id instead of committing them out of order.
/// </summary>
internal sealed class TransactionGuard(long expectedTransactionId) : IMetadataChange
{
    public Task<TableMetadata> ApplyAsync(TableMetadata current, CancellationToken cancellationToken)
    {
        long next = current.LastSequenceNumber + 1;
        if (next != expectedTransactionId)
        {
            throw new TransactionMovedException(next);
        }

        return Task.FromResult(current);
    }

    public Task CleanUpAsync(bool committed, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The change store moved on: the next sequence number is <see cref="NextTransactionId"/>.</summary>
internal sealed class TransactionMovedException(long nextTransactionId)
    : FloeException(FloeErrorKind.CommitConflict, string.Create(CultureInfo.InvariantCulture, $"Another change commit landed first; the next transaction id is {nextTransactionId}."))
{
    public long NextTransactionId { get; } = nextTransactionId;
}
