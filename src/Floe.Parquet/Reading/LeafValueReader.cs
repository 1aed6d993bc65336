using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// Decodes one leaf column's page values into its vector. A page contributes <c>slotCount</c> rows of which
/// <c>nonNull</c> carry values: the values are decoded densely into the front of the new rows, then spread over
/// the rows whose presence flag is set (an empty presence span means every row has a value).
/// </summary>
internal abstract class LeafValueReader : IDisposable
{
    private ScratchBuffer<int> _indices;

    protected LeafValueReader(ColumnDescriptor column)
    {
        Column = column;
    }

    public ColumnDescriptor Column { get; }

    /// <summary>Number of entries in the current dictionary, or -1 before a dictionary page.</summary>
    protected int DictionarySize { get; set; } = -1;

    /// <summary>Decodes a PLAIN dictionary page of <paramref name="count"/> values, replacing any earlier one.</summary>
    public abstract void ReadDictionary(ReadOnlySpan<byte> data, int count);

    /// <summary>Appends <paramref name="slotCount"/> rows to <paramref name="vector"/>.</summary>
    public abstract void ReadValues(ColumnVector vector, ReadOnlySpan<byte> data, Encoding encoding, int nonNull, ReadOnlySpan<bool> presence, int slotCount);

    public virtual void Dispose() => _indices.Dispose();

    protected static bool IsDictionary(Encoding encoding) => encoding is Encoding.PlainDictionary or Encoding.RleDictionary;

    /// <summary>Decodes <paramref name="count"/> dictionary indices (validated against the dictionary size by the gathers).</summary>
    protected ReadOnlySpan<int> DecodeIndices(ReadOnlySpan<byte> data, int count)
    {
        if (DictionarySize < 0)
        {
            throw new ParquetException("the page is dictionary-encoded but the column chunk has no dictionary page.");
        }

        Span<int> indices = _indices.Get(count);
        RleBitPackedHybrid.DecodeDictionaryIndices(data, indices);
        return indices;
    }

    protected ParquetException Unsupported(Encoding encoding) =>
        new(FloeErrorKind.Unsupported, $"encoding {encoding} is not valid for {Column.PhysicalType} values.");

    protected static void ApplyValidity(ColumnVector vector, int start, ReadOnlySpan<bool> presence)
    {
        if (!presence.IsEmpty)
        {
            vector.SetValidity(start, presence);
        }
    }
}
