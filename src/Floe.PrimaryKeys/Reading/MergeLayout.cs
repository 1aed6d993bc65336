using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Floe.Core.Schemas;
using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// What a merge reads for one projection of one loaded table: the read schemas of both stores and where the key,
/// order and projected columns sit in them. Every query of a projection needs the same, so it is made once per loaded
/// table schema and projection and shared (it is never changed).
/// </summary>
internal sealed class MergeLayout
{
    private static readonly ConditionalWeakTable<Schema, ConcurrentDictionary<string, MergeLayout>> s_layouts = new();

    private MergeLayout(Schema schema, Schema changeSchema, Schema projection, IReadOnlyList<int> keyIds)
    {
        Schema = schema;
        int[] order = [PrimaryKeyColumns.TransactionIdFieldId, PrimaryKeyColumns.FileOffsetFieldId, PrimaryKeyColumns.ChangeActionFieldId];
        int[] leaves = [.. LeafIds(projection)];
        int[] projected = [.. projection.Columns.Select(c => c.Id)];
        OrderRead = SchemaProjection.Project(changeSchema, [.. keyIds, .. order]);
        ChangeRead = SchemaProjection.Project(changeSchema, [.. leaves, .. keyIds, .. order]);
        BaseRead = SchemaProjection.Project(schema, [.. leaves, .. keyIds]);
        BaseProjectionRead = SchemaProjection.Project(schema, leaves);
        BaseKeyRead = SchemaProjection.Project(schema, [.. keyIds]);
        ChangeColumns = string.Join('|', changeSchema.Columns);
        ChangeKeys = IndexesOf(changeSchema, keyIds);
        ChangeOrder = IndexesOf(changeSchema, order);
        BaseOutput = IndexesOf(BaseRead, projected);
        BaseKeys = IndexesOf(BaseRead, keyIds);
        ChangeReadOutput = IndexesOf(ChangeRead, projected);
        ChangeReadKeys = IndexesOf(ChangeRead, keyIds);
        BaseKeyReadKeys = IndexesOf(BaseKeyRead, keyIds);

        // Winning rows are kept in whole change-schema columns; a projection of part of a struct reads the files instead.
        WinnersOutput = projection.Columns.All(c => changeSchema.FindField(c.Id) is { } f && f.Type.Equals(c.Type)) ? IndexesOf(changeSchema, projected) : null;
    }

    /// <summary>The table schema the layout was made for.</summary>
    public Schema Schema { get; }

    /// <summary>Key and order columns of the change store.</summary>
    public Schema OrderRead { get; }

    /// <summary>Projected leaves, key and order columns of the change store.</summary>
    public Schema ChangeRead { get; }

    /// <summary>Projected leaves and key columns of the base store.</summary>
    public Schema BaseRead { get; }

    /// <summary>Projected leaves of the base store.</summary>
    public Schema BaseProjectionRead { get; }

    /// <summary>Key columns of the base store.</summary>
    public Schema BaseKeyRead { get; }

    /// <summary>The change schema's columns as text: part of the key of its cached winning rows.</summary>
    public string ChangeColumns { get; }

    public int[] ChangeKeys { get; }

    public int[] ChangeOrder { get; }

    public int[] BaseOutput { get; }

    public int[] BaseKeys { get; }

    public int[] ChangeReadOutput { get; }

    public int[] ChangeReadKeys { get; }

    public int[] BaseKeyReadKeys { get; }

    /// <summary>The projected columns among the change schema's, or null when the projection keeps part of a struct.</summary>
    public int[]? WinnersOutput { get; }

    /// <summary>The layout for a projection of a loaded table's schema, made on first use.</summary>
    public static MergeLayout Of(Schema schema, Schema changeSchema, Schema projection, IReadOnlyList<int> keyIds)
    {
        ConcurrentDictionary<string, MergeLayout> layouts = s_layouts.GetOrCreateValue(changeSchema);
        string key = $"{string.Join(',', LeafIds(projection))}|{string.Join(',', projection.Columns.Select(c => c.Id))}|{string.Join(',', keyIds)}";
        MergeLayout layout = layouts.GetOrAdd(key, _ => new MergeLayout(schema, changeSchema, projection, keyIds));
        return ReferenceEquals(layout.Schema, schema) ? layout : new MergeLayout(schema, changeSchema, projection, keyIds);
    }

    /// <summary>The positions of columns <paramref name="ids"/> among a read schema's top-level columns.</summary>
    public static int[] IndexesOf(Schema schema, IReadOnlyList<int> ids) => [.. ids.Select(id =>
    {
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            if (schema.Columns[i].Id == id)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Column {id} is missing from the read schema.");
    })];

    private static IEnumerable<int> LeafIds(Schema schema) =>
        schema.FieldsById.Values.Where(f => f.Type is not Core.Types.StructType { Fields.Count: > 0 }).Select(f => f.Id);
}
