using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// A change that only edits metadata (no files). Built fluently, then committed on its own with
/// <see cref="CommitAsync"/> or as part of a <see cref="Transaction"/>.
/// </summary>
public abstract class MetadataChange : IMetadataChange
{
    private readonly ITableOperations _operations;

    private protected MetadataChange(ITableOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        _operations = operations;
    }

    /// <summary>The metadata the change would produce from the table's current metadata, without committing it.</summary>
    public TableMetadata Preview() => Apply(_operations.Current);

    /// <summary>Commits the change with retries; returns the stored metadata.</summary>
    public Task<TableMetadata> CommitAsync(CancellationToken cancellationToken = default) =>
        TableCommitter.CommitAsync(_operations, [this], cancellationToken);

    Task<TableMetadata> IMetadataChange.ApplyAsync(TableMetadata current, CancellationToken cancellationToken) =>
        Task.FromResult(Apply(current));

    Task IMetadataChange.CleanUpAsync(bool committed, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Computes the new metadata from <paramref name="current"/>; throws <see cref="ValidationException"/> when a concurrent change makes it invalid.</summary>
    protected internal abstract TableMetadata Apply(TableMetadata current);
}
