using System.Runtime.CompilerServices;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.ChangeData;

/// <summary>
/// A change-data read of a primary-key table between two change store snapshots: every change after the start
/// (a snapshot, a stored <see cref="ChangePosition"/>, or the beginning) up to the end snapshot (default: current),
/// in (transaction, offset) order as inserts, deletes and update pairs (<see cref="ChangeAction.UpdateBefore"/> then
/// <see cref="ChangeAction.UpdateAfter"/>); or with <see cref="NetChanges"/> the net effect per key. Change files older
/// than the start are never opened, so they may have expired. Instances are immutable: each option returns a new scan.
/// </summary>
public sealed class ChangeDataScan
{
    private readonly PrimaryKeyTable _table;
    private readonly long? _fromSnapshot;
    private readonly ChangePosition? _fromPosition;
    private readonly long? _toSnapshot;
    private readonly IReadOnlyList<string>? _columns;
    private readonly Expression _filter;
    private readonly bool _caseSensitive;
    private readonly bool _net;

    internal ChangeDataScan(PrimaryKeyTable table)
        : this(table, null, null, null, null, Expression.True, true, false)
    {
    }

    private ChangeDataScan(
        PrimaryKeyTable table, long? fromSnapshot, ChangePosition? fromPosition, long? toSnapshot, IReadOnlyList<string>? columns, Expression filter, bool caseSensitive, bool net)
    {
        _table = table;
        _fromSnapshot = fromSnapshot;
        _fromPosition = fromPosition;
        _toSnapshot = toSnapshot;
        _columns = columns;
        _filter = filter;
        _caseSensitive = caseSensitive;
        _net = net;
    }

    /// <summary>Whether the scan returns net changes.</summary>
    public bool IsNet => _net;

    /// <summary>The user columns returned: those selected, or all.</summary>
    public Schema Projection => _columns is null ? _table.Schema : SchemaProjection.Select(_table.Schema, _columns, _caseSensitive);

    /// <summary>Starts after every change of change snapshot <paramref name="snapshotId"/> (exclusive).</summary>
    public ChangeDataScan FromSnapshot(long snapshotId) => new(_table, snapshotId, null, _toSnapshot, _columns, _filter, _caseSensitive, _net);

    /// <summary>Starts after a position a consumer stored (<see cref="ChangeBatch.PositionAfter"/>, <see cref="ChangeRange.EndPosition"/>).</summary>
    public ChangeDataScan FromPosition(ChangePosition position) => new(_table, null, position, _toSnapshot, _columns, _filter, _caseSensitive, _net);

    /// <summary>Ends with change snapshot <paramref name="snapshotId"/> (inclusive); by default the current one.</summary>
    public ChangeDataScan ToSnapshot(long snapshotId) => new(_table, _fromSnapshot, _fromPosition, snapshotId, _columns, _filter, _caseSensitive, _net);

    /// <summary>Returns only these user columns.</summary>
    public ChangeDataScan Select(params IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new(_table, _fromSnapshot, _fromPosition, _toSnapshot, [.. columns], _filter, _caseSensitive, _net);
    }

    /// <summary>
    /// Keeps only change rows passing <paramref name="filter"/> (on user columns; and-ed with earlier filters). In the
    /// ordered read each row is tested alone, so one half of an update can pass without the other (it then comes out
    /// as a delete or an insert); net changes compare the filtered views before and after.
    /// </summary>
    public ChangeDataScan Where(Expression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new(_table, _fromSnapshot, _fromPosition, _toSnapshot, _columns, Expr.And(_filter, filter), _caseSensitive, _net);
    }

    public ChangeDataScan CaseSensitive(bool caseSensitive) => new(_table, _fromSnapshot, _fromPosition, _toSnapshot, _columns, _filter, caseSensitive, _net);

    /// <summary>Returns the net effect per key instead of every change (needs a start at a transaction boundary).</summary>
    public ChangeDataScan NetChanges(bool net = true) => new(_table, _fromSnapshot, _fromPosition, _toSnapshot, _columns, _filter, _caseSensitive, net);

    /// <summary>Resolves and checks the range (unknown snapshots, a start after the end, expired changes inside the range).</summary>
    public async Task<ChangeRange> PlanRangeAsync(CancellationToken cancellationToken = default)
    {
        ChangeRange range = ChangeRange.Resolve(_table.Name, _table.ChangeTable.Metadata, _fromSnapshot, _fromPosition, _toSnapshot);
        await range.CheckNothingExpiredAsync(_table.Name, _table.ChangeTable.Metadata, _table.ChangeTable.Operations.Io, cancellationToken).ConfigureAwait(false);
        return range;
    }

    /// <summary>Reads the changes in order (or the net changes), in batches.</summary>
    public async IAsyncEnumerable<ChangeBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Schema projection = Projection;
        ChangeRange range = await PlanRangeAsync(cancellationToken).ConfigureAwait(false);
        if (range.IsEmpty)
        {
            yield break;
        }

        Expression filter = Bind(_table.ChangeTable.Metadata.CurrentSchema);
        if (_net)
        {
            using var net = new NetChangeReader();
            foreach (ChangeBatch batch in await net.ReadAsync(_table, range, filter, _caseSensitive, projection, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        Schema changeSchema = _table.ChangeTable.Metadata.CurrentSchema;
        int[] order = [PrimaryKeyColumns.TransactionIdFieldId, PrimaryKeyColumns.FileOffsetFieldId, PrimaryKeyColumns.ChangeActionFieldId];
        Schema readSchema = SchemaProjection.Project(changeSchema, [.. LeafIds(projection), .. order]);
        var transactions = await ChangeFiles.PlanAsync(_table, range, filter, _caseSensitive, readSchema, cancellationToken).ConfigureAwait(false);
        var reader = new OrderedChangeReader(_table.ChangeTable.Operations.Io, readSchema, IndexesOf(readSchema, [.. projection.Columns.Select(c => c.Id)]));
        await foreach (ChangeBatch batch in reader.ReadAsync(transactions, range, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>Ids that select exactly the projection's fields: every field that is not a non-empty struct.</summary>
    internal static IEnumerable<int> LeafIds(Schema schema) =>
        schema.FieldsById.Values.Where(f => f.Type is not StructType { Fields.Count: > 0 }).Select(f => f.Id);

    internal static int[] IndexesOf(Schema schema, IReadOnlyList<int> ids) => [.. ids.Select(id =>
    {
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            if (schema.Columns[i].Id == id)
            {
                return i;
            }
        }

        throw new FloeException(FloeErrorKind.Unexpected, $"Column {id} is missing from the read schema.");
    })];

    private Expression Bind(Schema schema)
    {
        try
        {
            return Binder.IsBound(_filter) ? _filter : Binder.Bind(schema, _filter, _caseSensitive);
        }
        catch (FloeException e)
        {
            throw new FloeException(e.Kind, $"Cannot filter the changes of table {_table.Name}: {e.Message}", e);
        }
    }
}
