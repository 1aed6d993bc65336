using System.Runtime.InteropServices;
using Floe.Common.Errors;
using Floe.Parquet.Encodings;
using ParquetEncoding = Floe.Parquet.Metadata.Encoding;

namespace Floe.Parquet.Writing.Pages;

/// <summary>Encodes a page's values (other than dictionary indices) with the column's chosen encoding.</summary>
internal static class ValueEncoder
{
    /// <summary>Whether <paramref name="encoding"/> can encode values of <paramref name="kind"/>.</summary>
    public static bool Supports(ParquetEncoding encoding, ValueKind kind) => encoding switch
    {
        ParquetEncoding.Plain => true,
        ParquetEncoding.Rle => kind == ValueKind.Boolean,
        ParquetEncoding.DeltaBinaryPacked => kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.DecimalInt32 or ValueKind.DecimalInt64,
        ParquetEncoding.DeltaLengthByteArray => kind == ValueKind.ByteArray,
        ParquetEncoding.DeltaByteArray => kind is ValueKind.ByteArray or ValueKind.FixedBytes or ValueKind.DecimalFixed,
        ParquetEncoding.ByteStreamSplit => kind is not (ValueKind.Boolean or ValueKind.ByteArray),
        _ => false,
    };

    public static void Encode(PendingValues values, ValueKind kind, int width, ParquetEncoding encoding, PooledBuffer output)
    {
        ReadOnlySpan<byte> bytes = values.Bytes.WrittenSpan;
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                EncodePlain(values, kind, width, output);
                return;
            case ParquetEncoding.Rle when kind == ValueKind.Boolean:
                EncodeBooleanRle(bytes, output);
                return;
            case ParquetEncoding.DeltaBinaryPacked when kind is ValueKind.Int32 or ValueKind.DecimalInt32:
                DeltaBinaryPacked.EncodeInt32(MemoryMarshal.Cast<byte, int>(bytes), output);
                return;
            case ParquetEncoding.DeltaBinaryPacked when kind is ValueKind.Int64 or ValueKind.DecimalInt64:
                DeltaBinaryPacked.EncodeInt64(MemoryMarshal.Cast<byte, long>(bytes), output);
                return;
            case ParquetEncoding.DeltaLengthByteArray when kind == ValueKind.ByteArray:
                DeltaLengthByteArray.Encode(values.Offsets, bytes, output);
                return;
            case ParquetEncoding.DeltaByteArray when kind == ValueKind.ByteArray:
                DeltaByteArray.Encode(values.Offsets, bytes, output);
                return;
            case ParquetEncoding.DeltaByteArray when kind is ValueKind.FixedBytes or ValueKind.DecimalFixed:
                EncodeFixedAsDeltaByteArray(bytes, width, values.Count, output);
                return;
            case ParquetEncoding.ByteStreamSplit when kind != ValueKind.Boolean && kind != ValueKind.ByteArray:
                ByteStreamSplit.Encode(bytes, FixedWidth(kind, width), output);
                return;
            default:
                throw new ParquetException(FloeErrorKind.Unsupported, $"encoding {encoding} cannot write {kind} values");
        }
    }

    private static int FixedWidth(ValueKind kind, int width) => kind switch
    {
        ValueKind.Int32 or ValueKind.DecimalInt32 or ValueKind.Float => 4,
        ValueKind.Int64 or ValueKind.DecimalInt64 or ValueKind.Double => 8,
        _ => width,
    };

    private static void EncodeFixedAsDeltaByteArray(ReadOnlySpan<byte> bytes, int width, int count, PooledBuffer output)
    {
        int[] offsets = System.Buffers.ArrayPool<int>.Shared.Rent(count + 1);
        try
        {
            for (int i = 0; i <= count; i++)
            {
                offsets[i] = i * width;
            }

            DeltaByteArray.Encode(offsets.AsSpan(0, count + 1), bytes, output);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(offsets);
        }
    }

    private static void EncodePlain(PendingValues values, ValueKind kind, int width, PooledBuffer output)
    {
        ReadOnlySpan<byte> bytes = values.Bytes.WrittenSpan;
        switch (kind)
        {
            case ValueKind.Boolean:
                PlainEncoder.EncodeBooleans(MemoryMarshal.Cast<byte, bool>(bytes), output);
                break;
            case ValueKind.ByteArray:
                PlainEncoder.EncodeByteArrays(values.Offsets, bytes, output);
                break;
            case ValueKind.FixedBytes or ValueKind.DecimalFixed:
                PlainEncoder.EncodeFixedLenByteArrays(bytes, width, output);
                break;
            default:
                // INT32, INT64, FLOAT and DOUBLE are already held in their little-endian PLAIN form.
                output.Write(bytes);
                break;
        }
    }

    private static void EncodeBooleanRle(ReadOnlySpan<byte> booleans, PooledBuffer output)
    {
        int[] scratch = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(booleans.Length, 1));
        try
        {
            Span<int> bits = scratch.AsSpan(0, booleans.Length);
            for (int i = 0; i < booleans.Length; i++)
            {
                bits[i] = booleans[i];
            }

            RleBitPackedHybrid.EncodeLengthPrefixed(bits, 1, output);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(scratch);
        }
    }
}
