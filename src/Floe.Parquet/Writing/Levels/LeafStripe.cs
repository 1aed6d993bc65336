using System.Buffers;
using Floe.Common.Columnar;

namespace Floe.Parquet.Writing.Levels;

/// <summary>
/// One leaf column of a batch striped into Dremel form: a definition and repetition level per level entry, and the
/// rows of the leaf vector that hold present values, in order. Buffers are pooled and reused batch after batch.
/// </summary>
internal sealed class LeafStripe : IDisposable
{
    private int[] _definition = [];
    private int[] _repetition = [];
    private int[] _valueRows = [];

    /// <summary>The leaf vector the value rows index into.</summary>
    public ColumnVector? Leaf { get; private set; }

    /// <summary>Number of level entries (values, nulls and empty lists).</summary>
    public int LevelCount { get; private set; }

    /// <summary>Number of present leaf values.</summary>
    public int ValueCount { get; private set; }

    /// <summary>Number of records (top-level rows) striped.</summary>
    public int RecordCount { get; private set; }

    /// <summary>True when the values are leaf rows 0..ValueCount-1 in order, so <see cref="ValueRows"/> is not filled.</summary>
    public bool ValuesAreDense { get; private set; }

    public ReadOnlySpan<int> DefinitionLevels => _definition.AsSpan(0, LevelCount);

    public ReadOnlySpan<int> RepetitionLevels => _repetition.AsSpan(0, LevelCount);

    /// <summary>Leaf rows of the present values; empty when <see cref="ValuesAreDense"/>.</summary>
    public ReadOnlySpan<int> ValueRows => ValuesAreDense ? default : _valueRows.AsSpan(0, ValueCount);

    internal Span<int> DefinitionBuffer(int count) => Ensure(ref _definition, count);

    internal Span<int> RepetitionBuffer(int count) => Ensure(ref _repetition, count);

    internal Span<int> ValueRowBuffer(int count) => Ensure(ref _valueRows, count);

    internal void Complete(ColumnVector leaf, int recordCount, int levelCount, int valueCount, bool dense)
    {
        Leaf = leaf;
        RecordCount = recordCount;
        LevelCount = levelCount;
        ValueCount = valueCount;
        ValuesAreDense = dense;
    }

    /// <summary>Returns the level and row buffers to the pool; the stripe can be filled again afterwards.</summary>
    public void Release()
    {
        Return(ref _definition);
        Return(ref _repetition);
        Return(ref _valueRows);
        Leaf = null;
        LevelCount = 0;
        ValueCount = 0;
        RecordCount = 0;
    }

    public void Dispose() => Release();

    private static Span<int> Ensure(ref int[] array, int count)
    {
        if (array.Length < count)
        {
            Return(ref array);
            array = ArrayPool<int>.Shared.Rent(Math.Max(count, 256));
        }

        return array.AsSpan(0, count);
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
