using System.Buffers;
using Floe.Common.Columnar;
using Floe.Common.Errors;

namespace Floe.Parquet.Writing.Levels;

/// <summary>
/// Dremel striping: turns a (possibly nested) column vector into the definition levels, repetition levels and
/// present values of one of its leaves. Each nullable node and each repeated node (list, map) adds a definition
/// level; each repeated node adds a repetition level. Working arrays are pooled and kept between calls.
/// </summary>
internal sealed class LevelStriper : IDisposable
{
    // Entries of the walk: the row of the current vector an entry stands for (or -1 once it ended in a null or an
    // empty list), the definition level it ended at, and its repetition level.
    private int[] _rows = [];
    private int[] _defs = [];
    private int[] _reps = [];
    private int[] _nextRows = [];
    private int[] _nextDefs = [];
    private int[] _nextReps = [];

    /// <summary>
    /// Stripes the leaf of <paramref name="column"/> reached by <paramref name="path"/>: at each struct the ordinal
    /// of the field, at each list 0, at each map 0 (key) or 1 (value).
    /// </summary>
    public void Stripe(ColumnField field, ColumnVector column, ReadOnlySpan<int> path, LeafStripe output)
    {
        int records = column.Length;
        if (!field.Type.IsNested)
        {
            StripeFlat(field, column, output);
            return;
        }

        int count = records;
        Ensure(ref _rows, count);
        Ensure(ref _defs, count);
        Ensure(ref _reps, count);
        for (int i = 0; i < count; i++)
        {
            _rows[i] = i;
            _reps[i] = 0;
        }

        ColumnVector vector = column;
        ColumnField current = field;
        int def = 0;
        int rep = 0;
        int depth = 0;
        string name = field.Name;
        while (true)
        {
            if (current.Nullable)
            {
                ReadOnlySpan<ulong> validity = vector.ValidityWords;
                if (!validity.IsEmpty)
                {
                    for (int i = 0; i < count; i++)
                    {
                        int row = _rows[i];
                        if (row >= 0 && (validity[row >> 6] & (1UL << row)) == 0)
                        {
                            _rows[i] = -1;
                            _defs[i] = def;
                        }
                    }
                }

                def++;
            }
            else if (vector.HasNulls)
            {
                // A required field of a null struct holds nulls too; only a null under a present parent is wrong.
                ReadOnlySpan<ulong> validity = vector.ValidityWords;
                for (int i = 0; i < count; i++)
                {
                    int row = _rows[i];
                    if (row >= 0 && (validity[row >> 6] & (1UL << row)) == 0)
                    {
                        throw RequiredHoldsNull(name, row);
                    }
                }
            }

            switch (vector)
            {
                case StructVector structVector:
                    int ordinal = PathStep(path, depth++, structVector.Children.Count, name);
                    current = current.Type.Children[ordinal];
                    vector = structVector.Children[ordinal];
                    name = name + "." + current.Name;
                    continue;
                case ListVector list:
                    PathStep(path, depth++, 1, name);
                    count = Expand(list.Offsets, count, def, rep + 1);
                    def++;
                    rep++;
                    current = current.Type.Children[0];
                    vector = list.Elements;
                    name += ".element";
                    continue;
                case MapVector map:
                    int side = PathStep(path, depth++, 2, name);
                    count = Expand(map.Offsets, count, def, rep + 1);
                    def++;
                    rep++;
                    current = side == 0 ? current.Type.Children[0] with { Nullable = false } : current.Type.Children[1];
                    vector = side == 0 ? map.Keys : map.Values;
                    name += side == 0 ? ".key" : ".value";
                    continue;
            }

            break;
        }

        if (depth != path.Length)
        {
            throw new ArgumentException($"path has {path.Length} steps but the leaf {name} is reached after {depth}", nameof(path));
        }

        Span<int> defOut = output.DefinitionBuffer(count);
        Span<int> repOut = output.RepetitionBuffer(count);
        Span<int> valueRows = output.ValueRowBuffer(count);
        int values = 0;
        for (int i = 0; i < count; i++)
        {
            int row = _rows[i];
            repOut[i] = _reps[i];
            if (row >= 0)
            {
                defOut[i] = def;
                valueRows[values++] = row;
            }
            else
            {
                defOut[i] = _defs[i];
            }
        }

        // Rows strictly increase, so as many values as leaf rows means every leaf row in order.
        bool dense = values == vector.Length;
        output.Complete(vector, records, count, values, dense);
    }

    public void Dispose()
    {
        Return(ref _rows);
        Return(ref _defs);
        Return(ref _reps);
        Return(ref _nextRows);
        Return(ref _nextDefs);
        Return(ref _nextReps);
    }

    /// <summary>
    /// Stripes the rows <paramref name="rows"/> of a flat (not nested) column, in that order: one record and at most
    /// one value per selected row, the values read from <paramref name="column"/> in place.
    /// </summary>
    public static void StripeFlatSelected(ColumnField field, ColumnVector column, ReadOnlySpan<int> rows, LeafStripe output)
    {
        int count = rows.Length;
        Span<int> valueRows = output.ValueRowBuffer(count);
        ReadOnlySpan<ulong> validity = column.HasNulls ? column.ValidityWords : default;
        if (!field.Nullable)
        {
            for (int i = 0; i < count && column.HasNulls; i++)
            {
                int row = rows[i];
                if ((validity[row >> 6] & (1UL << row)) == 0)
                {
                    throw RequiredHoldsNull(field.Name, row);
                }
            }

            rows.CopyTo(valueRows);
            output.Complete(column, count, count, count, dense: false);
            return;
        }

        Span<int> defs = output.DefinitionBuffer(count);
        output.RepetitionBuffer(count).Clear();
        int values = count;
        if (!column.HasNulls)
        {
            defs.Fill(1);
            rows.CopyTo(valueRows);
        }
        else
        {
            values = 0;
            for (int i = 0; i < count; i++)
            {
                int row = rows[i];
                int present = (int)((validity[row >> 6] >> row) & 1);
                defs[i] = present;
                valueRows[values] = row;
                values += present;
            }
        }

        output.Complete(column, count, count, values, dense: false);
    }

    private static void StripeFlat(ColumnField field, ColumnVector column, LeafStripe output)
    {
        int count = column.Length;
        if (!field.Nullable)
        {
            if (column.HasNulls)
            {
                ReadOnlySpan<ulong> words = column.ValidityWords;
                for (int i = 0; i < count; i++)
                {
                    if ((words[i >> 6] & (1UL << i)) == 0)
                    {
                        throw RequiredHoldsNull(field.Name, i);
                    }
                }
            }

            output.Complete(column, count, count, count, dense: true);
            return;
        }

        Span<int> defs = output.DefinitionBuffer(count);
        output.RepetitionBuffer(count).Clear();
        if (!column.HasNulls)
        {
            defs.Fill(1);
            output.Complete(column, count, count, count, dense: true);
            return;
        }

        ReadOnlySpan<ulong> validity = column.ValidityWords;
        Span<int> rows = output.ValueRowBuffer(count);
        int values = 0;
        for (int i = 0; i < count; i++)
        {
            int present = (int)((validity[i >> 6] >> i) & 1);
            defs[i] = present;
            rows[values] = i;
            values += present;
        }

        output.Complete(column, count, count, values, dense: false);
    }

    private static int PathStep(ReadOnlySpan<int> path, int depth, int children, string name)
    {
        if (depth >= path.Length || (uint)path[depth] >= (uint)children)
        {
            throw new ArgumentException($"path does not name a child of {name} at step {depth}", nameof(path));
        }

        return path[depth];
    }

    private static FloeException RequiredHoldsNull(string name, int row) =>
        new(FloeErrorKind.InvalidArgument, $"column {name} is declared required but holds a null at vector row {row}");

    /// <summary>
    /// Replaces each live entry by one entry per element of its list (or an ended entry for an empty list); the
    /// first element keeps the entry's repetition level, the others repeat at <paramref name="repeatLevel"/>.
    /// </summary>
    private int Expand(ReadOnlySpan<int> offsets, int count, int def, int repeatLevel)
    {
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            int row = _rows[i];
            total += row < 0 ? 1 : Math.Max(1, offsets[row + 1] - offsets[row]);
        }

        Ensure(ref _nextRows, total);
        Ensure(ref _nextDefs, total);
        Ensure(ref _nextReps, total);
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            int row = _rows[i];
            if (row < 0)
            {
                _nextRows[n] = -1;
                _nextDefs[n] = _defs[i];
                _nextReps[n++] = _reps[i];
                continue;
            }

            int start = offsets[row];
            int end = offsets[row + 1];
            if (end == start)
            {
                _nextRows[n] = -1;
                _nextDefs[n] = def;
                _nextReps[n++] = _reps[i];
                continue;
            }

            _nextRows[n] = start;
            _nextReps[n++] = _reps[i];
            for (int e = start + 1; e < end; e++)
            {
                _nextRows[n] = e;
                _nextReps[n++] = repeatLevel;
            }
        }

        (_rows, _nextRows) = (_nextRows, _rows);
        (_defs, _nextDefs) = (_nextDefs, _defs);
        (_reps, _nextReps) = (_nextReps, _reps);
        return n;
    }

    private static void Ensure(ref int[] array, int count)
    {
        if (array.Length < count)
        {
            Return(ref array);
            array = ArrayPool<int>.Shared.Rent(Math.Max(count, 256));
        }
    }

    private static void Return(ref int[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<int>.Shared.Return(array);
        }

        array = [];
    }
}
