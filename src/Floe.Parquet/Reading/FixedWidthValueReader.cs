using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Floe.Common.Columnar;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// Reads fixed-width physical values (INT32, INT64, INT96, FLOAT, DOUBLE) into a <see cref="PrimitiveVector{T}"/>,
/// converting each with <typeparamref name="TConverter"/>. Identity conversions decode straight into the vector;
/// dictionaries are converted once, so dictionary pages gather straight into the vector too.
/// </summary>
internal sealed class FixedWidthValueReader<TPhysical, TValue, TConverter> : LeafValueReader
    where TPhysical : unmanaged
    where TValue : unmanaged
    where TConverter : struct, IValueConverter<TPhysical, TValue>
{
    private ScratchBuffer<TValue> _dictionary;
    private ScratchBuffer<TPhysical> _physical;
    private ScratchBuffer<long> _wide;

    public FixedWidthValueReader(ColumnDescriptor column)
        : base(column)
    {
    }

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count)
    {
        Span<TValue> dictionary = _dictionary.Get(count);
        DecodePlain(data, dictionary);
        DictionarySize = count;
    }

    public override void ReadValues(ColumnVector vector, ReadOnlySpan<byte> data, Encoding encoding, int nonNull, ReadOnlySpan<bool> presence, int slotCount)
    {
        var target = (PrimitiveVector<TValue>)vector;
        int start = target.Length;
        Span<TValue> slots = target.AppendUninitialized(slotCount);
        Span<TValue> dense = slots[..nonNull];
        switch (encoding)
        {
            case Encoding.Plain:
                DecodePlain(data, dense);
                break;
            case Encoding.PlainDictionary or Encoding.RleDictionary:
                ReadOnlySpan<int> indices = DecodeIndices(data, nonNull);
                DictionaryGather.Gather(_dictionary.Array.AsSpan(0, DictionarySize), indices, dense);
                break;
            case Encoding.DeltaBinaryPacked when typeof(TPhysical) == typeof(int) || typeof(TPhysical) == typeof(long):
                DecodeDelta(data, dense);
                break;
            case Encoding.ByteStreamSplit:
                int stored = DecodeConverted(dense, static (data, physical) => ByteStreamSplit.Decode(data, physical), data);
                if (stored != nonNull)
                {
                    throw new ParquetException($"BYTE_STREAM_SPLIT holds {stored} values where the levels call for {nonNull}.");
                }

                break;
            default:
                throw Unsupported(encoding);
        }

        if (!presence.IsEmpty)
        {
            Scatter.Values(slots, nonNull, presence);
            target.SetValidity(start, presence);
        }
    }

    public override void Dispose()
    {
        _dictionary.Dispose();
        _physical.Dispose();
        _wide.Dispose();
        base.Dispose();
    }

    private void DecodePlain(ReadOnlySpan<byte> data, Span<TValue> destination) =>
        DecodeConverted(destination, static (data, physical) => PlainDecoder.DecodeFixed(data, physical), data);

    private void DecodeDelta(ReadOnlySpan<byte> data, Span<TValue> destination)
    {
        int expected = destination.Length;
        int decoded;
        if (typeof(TPhysical) == typeof(int))
        {
            // Some writers (DuckDB) compute INT32 deltas in 64 bits, so miniblocks may be up to 64 bits wide:
            // decode as INT64 and keep the low 32 bits, which equals 32-bit wrapping arithmetic.
            Span<long> wide = _wide.Get(expected);
            decoded = DeltaBinaryPacked.DecodeInt64(data, wide, out _);
            Span<TPhysical> narrow = _physical.Get(expected);
            Span<int> ints = MemoryMarshal.Cast<TPhysical, int>(narrow);
            for (int i = 0; i < decoded; i++)
            {
                ints[i] = (int)wide[i];
            }

            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = TConverter.Convert(narrow[i]);
            }
        }
        else
        {
            decoded = DecodeConverted(
                destination, static (data, physical) => DeltaBinaryPacked.DecodeInt64(data, MemoryMarshal.Cast<TPhysical, long>(physical), out _), data);
        }

        if (decoded != expected)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED holds {decoded} values where the levels call for {expected}.");
        }
    }

    /// <summary>Decodes physical values with <paramref name="decode"/>, directly into the destination when no conversion is needed.</summary>
    private int DecodeConverted(Span<TValue> destination, PhysicalDecoder decode, ReadOnlySpan<byte> data)
    {
        if (TConverter.IsIdentity)
        {
            Span<TPhysical> direct = MemoryMarshal.CreateSpan(
                ref Unsafe.As<TValue, TPhysical>(ref MemoryMarshal.GetReference(destination)), destination.Length);
            return decode(data, direct);
        }

        Span<TPhysical> physical = _physical.Get(destination.Length);
        int result = decode(data, physical);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = TConverter.Convert(physical[i]);
        }

        return result;
    }

    private delegate int PhysicalDecoder(ReadOnlySpan<byte> data, Span<TPhysical> destination);
}
