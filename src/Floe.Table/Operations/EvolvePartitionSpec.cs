using Floe.Core.Metadata;
using Floe.Core.Partitioning;

namespace Floe.Table.Operations;

/// <summary>
/// Partition evolution as a commit: the edits are replayed on the current default spec at each attempt and the result
/// becomes the default spec. A concurrent change of the default spec fails validation.
/// </summary>
public sealed class EvolvePartitionSpec : MetadataChange
{
    private readonly List<Action<UpdatePartitionSpec>> _edits = [];
    private readonly int _startingSpecId;

    internal EvolvePartitionSpec(ITableOperations operations)
        : base(operations)
    {
        _startingSpecId = operations.Current.DefaultSpecId;
    }

    /// <summary>Adds edits, e.g. <c>p =&gt; p.AddField("ts", Transform.Day)</c>; they are checked now.</summary>
    public EvolvePartitionSpec Edit(Action<UpdatePartitionSpec> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        _edits.Add(edit);
        Preview();
        return this;
    }

    protected internal override TableMetadata Apply(TableMetadata current)
    {
        if (current.DefaultSpecId != _startingSpecId)
        {
            throw new ValidationException($"Cannot evolve the partition spec: the default spec changed concurrently ({_startingSpecId} is now {current.DefaultSpecId}).");
        }

        var update = new UpdatePartitionSpec(current.FormatVersion, current.DefaultSpec, current.CurrentSchema, current.LastPartitionId, current.Specs);
        foreach (var edit in _edits)
        {
            edit(update);
        }

        return TableMetadataBuilder.From(current).AddPartitionSpec(update.Apply()).SetDefaultPartitionSpec(TableMetadataBuilder.LastAdded).Build();
    }
}
