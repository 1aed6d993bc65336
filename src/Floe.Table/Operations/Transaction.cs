using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Several changes committed as one new metadata version. Changes are added with <see cref="Add"/> and applied in
/// order, each to the result of the one before, on fresh metadata at each commit attempt.
/// </summary>
public sealed class Transaction
{
    private readonly ITableOperations _operations;
    private readonly List<IMetadataChange> _changes = [];
    private bool _committed;

    internal Transaction(ITableOperations operations)
    {
        _operations = operations;
    }

    public IReadOnlyList<IMetadataChange> Changes => _changes;

    /// <summary>Adds a change built for this table; it commits with the transaction, not on its own.</summary>
    public Transaction Add(IMetadataChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (_committed)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "The transaction has already been committed.");
        }

        _changes.Add(change);
        return this;
    }

    /// <summary>Commits every change as one metadata version, with retries; returns the stored metadata.</summary>
    public async Task<TableMetadata> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_committed)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "The transaction has already been committed.");
        }

        var stored = await TableCommitter.CommitAsync(_operations, _changes, cancellationToken).ConfigureAwait(false);
        _committed = true;
        return stored;
    }
}
