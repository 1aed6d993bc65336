using Floe.Common.Columnar;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// Builds the structure of nested vectors (struct validity, list and map offsets) from the repetition and
/// definition levels of the first leaf below each field, after the leaves' values were decoded into the leaf
/// vectors. A field's rows are the level entries with <c>rep &lt;= SlotRepetition &amp;&amp; def &gt;= SlotDefinition</c>;
/// a row is non-null when <c>def &gt;= PresentDefinition</c>.
/// </summary>
internal sealed class RecordAssembler : IDisposable
{
    private readonly Func<int, LevelBuffer> _levels;
    private ScratchBuffer<bool> _presence;

    /// <summary>Creates an assembler reading each leaf's levels (by leaf column index) from <paramref name="levels"/>.</summary>
    public RecordAssembler(Func<int, LevelBuffer> levels)
    {
        _levels = levels;
    }

    public void Assemble(FieldMapping field, ColumnVector vector)
    {
        switch (field.Shape)
        {
            case FieldShape.Primitive:
                return;
            case FieldShape.Struct:
                AssembleStruct(field, (StructVector)vector);
                break;
            case FieldShape.List:
                var list = (ListVector)vector;
                AssembleRepeated(field, list, list.AppendUninitialized, list.Offsets[list.Length], "list");
                Assemble(field.Children[0], list.Elements);
                CheckElements(field, list.Offsets[list.Length], list.Elements.Length);
                break;
            case FieldShape.Map:
                var map = (MapVector)vector;
                AssembleRepeated(field, map, map.AppendUninitialized, map.Offsets[map.Length], "map");
                Assemble(field.Children[0], map.Keys);
                Assemble(field.Children[1], map.Values);
                CheckElements(field, map.Offsets[map.Length], map.Keys.Length);
                if (map.Keys.Length != map.Values.Length)
                {
                    throw new ParquetException($"map '{field.Field.Name}' has {map.Keys.Length} keys but {map.Values.Length} values.");
                }

                if (map.Keys.HasNulls)
                {
                    throw new ParquetException($"map '{field.Field.Name}' has null keys.");
                }

                break;
        }
    }

    public void Dispose() => _presence.Dispose();

    private static void CheckElements(FieldMapping field, int expected, int actual)
    {
        if (expected != actual)
        {
            throw new ParquetException($"'{field.Field.Name}' expects {expected} elements from its levels but its values hold {actual}.");
        }
    }

    private void AssembleStruct(FieldMapping field, StructVector vector)
    {
        LevelBuffer levels = _levels(field.FirstLeaf.Index);
        ReadOnlySpan<int> definition = levels.Definition;
        ReadOnlySpan<int> repetition = levels.Repetition;
        Span<bool> presence = _presence.Get(levels.Count);
        int rows = 0;
        int nulls = 0;
        for (int i = 0; i < levels.Count; i++)
        {
            if (repetition[i] <= field.SlotRepetition && definition[i] >= field.SlotDefinition)
            {
                bool present = definition[i] >= field.PresentDefinition;
                presence[rows++] = present;
                nulls += present ? 0 : 1;
            }
        }

        int start = vector.Length;
        vector.AppendRows(rows);
        if (nulls > 0)
        {
            vector.SetValidity(start, presence[..rows]);
        }

        for (int c = 0; c < field.Children.Count; c++)
        {
            ColumnVector child = vector.Child(c);
            Assemble(field.Children[c], child);
            if (child.Length != vector.Length)
            {
                throw new ParquetException(
                    $"struct '{field.Field.Name}' has {vector.Length} rows but its field '{field.Children[c].Field.Name}' has {child.Length}.");
            }
        }
    }

    /// <summary>Computes a list's or map's end offsets and validity from its first leaf's levels.</summary>
    private void AssembleRepeated(FieldMapping field, ColumnVector vector, Func<int, Span<int>> appendOffsets, int elementsBefore, string kind)
    {
        FieldMapping element = field.Children[0];
        LevelBuffer levels = _levels(field.FirstLeaf.Index);
        ReadOnlySpan<int> definition = levels.Definition;
        ReadOnlySpan<int> repetition = levels.Repetition;

        int rows = 0;
        for (int i = 0; i < levels.Count; i++)
        {
            if (repetition[i] <= field.SlotRepetition && definition[i] >= field.SlotDefinition)
            {
                rows++;
            }
        }

        int start = vector.Length;
        Span<int> ends = appendOffsets(rows);
        Span<bool> presence = _presence.Get(rows);
        int row = -1;
        int elements = elementsBefore;
        int nulls = 0;
        for (int i = 0; i < levels.Count; i++)
        {
            int d = definition[i];
            if (repetition[i] <= field.SlotRepetition && d >= field.SlotDefinition)
            {
                if (row >= 0)
                {
                    ends[row] = elements;
                }

                row++;
                bool present = d >= field.PresentDefinition;
                presence[row] = present;
                nulls += present ? 0 : 1;
            }

            if (repetition[i] <= element.SlotRepetition && d >= element.SlotDefinition)
            {
                if (row < 0)
                {
                    throw new ParquetException($"{kind} '{field.Field.Name}' has an element before its first row.");
                }

                elements++;
            }
        }

        if (row >= 0)
        {
            ends[row] = elements;
        }

        if (nulls > 0)
        {
            vector.SetValidity(start, presence[..rows]);
        }
    }
}
