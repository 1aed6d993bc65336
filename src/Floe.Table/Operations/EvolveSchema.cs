using Floe.Core.Metadata;
using Floe.Core.Schemas;

namespace Floe.Table.Operations;

/// <summary>
/// Schema evolution as a commit. The edits are recorded and replayed on the current schema at each attempt; if another
/// writer changed the schema since this change started, it fails validation rather than merging two evolutions.
/// </summary>
public sealed class EvolveSchema : MetadataChange
{
    private readonly List<Action<UpdateSchema>> _edits = [];
    private readonly int _startingSchemaId;

    internal EvolveSchema(ITableOperations operations)
        : base(operations)
    {
        _startingSchemaId = operations.Current.CurrentSchemaId;
    }

    /// <summary>Adds edits, e.g. <c>s =&gt; s.AddColumn("note", PrimitiveType.String)</c>; they are checked now.</summary>
    public EvolveSchema Edit(Action<UpdateSchema> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        _edits.Add(edit);
        Preview();
        return this;
    }

    protected internal override TableMetadata Apply(TableMetadata current)
    {
        if (current.CurrentSchemaId != _startingSchemaId)
        {
            throw new ValidationException($"Cannot evolve the schema: it changed concurrently (schema {_startingSchemaId} is now {current.CurrentSchemaId}).");
        }

        var update = new UpdateSchema(current.CurrentSchema, current.LastColumnId);
        foreach (var edit in _edits)
        {
            edit(update);
        }

        return TableMetadataBuilder.From(current).SetCurrentSchema(update.Apply(), update.LastColumnId).Build();
    }
}
