using Floe.Avro.Binary;
using Floe.Avro.Resolution;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Manifests;

/// <summary>Encodes and decodes partition values in their Avro form (an optional union of the field's type).</summary>
internal static class PartitionValueCodec
{
    public static void Write(AvroBufferWriter writer, PrimitiveType type, Literal value, string fieldName)
    {
        if (value.IsNull)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        try
        {
            switch (type.TypeId)
            {
                case TypeId.Boolean:
                    writer.WriteBoolean(value.AsBoolean());
                    break;
                case TypeId.Int:
                    writer.WriteInt(value.AsInt());
                    break;
                case TypeId.Date:
                    writer.WriteInt(value.AsDateDays());
                    break;
                case TypeId.Long or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs:
                    writer.WriteLong(value.AsLong());
                    break;
                case TypeId.Float:
                    writer.WriteFloat(value.AsFloat());
                    break;
                case TypeId.Double:
                    writer.WriteDouble(value.AsDouble());
                    break;
                case TypeId.String:
                    writer.WriteString(value.AsString());
                    break;
                case TypeId.Binary:
                    writer.WriteBytes(value.AsBytes());
                    break;
                case TypeId.Uuid or TypeId.Fixed:
                    WriteFixed(writer, value.AsBytes(), type.TypeId == TypeId.Uuid ? 16 : type.Length, fieldName);
                    break;
                case TypeId.Decimal:
                    WriteDecimal(writer, value, type, fieldName);
                    break;
                default:
                    throw new FloeException(FloeErrorKind.Unsupported, $"Partition field '{fieldName}' has type {type}, which manifests cannot hold.");
            }
        }
        catch (FloeException error) when (error.Kind != FloeErrorKind.Unsupported)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Partition value {value} does not fit field '{fieldName}' of type {type}: {error.Message}", error);
        }
    }

    /// <summary>Reads one value; <paramref name="plan"/> is the field's plan (a union or a bare type).</summary>
    public static Literal Read(AvroReadPlan plan, ref AvroBinaryReader reader, PrimitiveType type)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan value);
        return value.Action switch
        {
            AvroReadAction.Null => Literal.Null,
            _ => type.TypeId switch
            {
                TypeId.Boolean => Literal.Of(value.ReadBoolean(ref reader)),
                TypeId.Int => Literal.Of(value.ReadInt(ref reader)),
                TypeId.Date => Literal.OfDate(value.ReadInt(ref reader)),
                TypeId.Long => Literal.Of(value.ReadLong(ref reader)),
                TypeId.Time => Literal.OfTime(value.ReadLong(ref reader)),
                TypeId.Timestamp => Literal.OfTimestamp(value.ReadLong(ref reader)),
                TypeId.TimestampTz => Literal.OfTimestampTz(value.ReadLong(ref reader)),
                TypeId.TimestampNs => Literal.OfTimestampNs(value.ReadLong(ref reader)),
                TypeId.TimestampTzNs => Literal.OfTimestampTzNs(value.ReadLong(ref reader)),
                TypeId.Float => Literal.Of(value.ReadFloat(ref reader)),
                TypeId.Double => Literal.Of(value.ReadDouble(ref reader)),
                TypeId.String => Literal.Of(value.ReadString(ref reader)),
                TypeId.Binary => Literal.OfBinary(value.ReadBytes(ref reader).ToArray()),
                TypeId.Fixed => Literal.OfFixed(value.ReadBytes(ref reader).ToArray()),
                TypeId.Uuid => Literal.OfUuid(value.ReadBytes(ref reader)),
                TypeId.Decimal => Literal.OfDecimal(SingleValueBinary.ReadDecimal(value.ReadBytes(ref reader)), type.Scale),
                _ => throw new FloeException(FloeErrorKind.InvalidData, $"Partition type {type} cannot be read from a manifest."),
            },
        };
    }

    private static void WriteFixed(AvroBufferWriter writer, ReadOnlySpan<byte> bytes, int size, string fieldName)
    {
        if (bytes.Length != size)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Partition field '{fieldName}' needs {size} bytes, the value has {bytes.Length}.");
        }

        writer.WriteFixed(bytes);
    }

    private static void WriteDecimal(AvroBufferWriter writer, Literal value, PrimitiveType type, string fieldName)
    {
        if (value.DecimalScale != type.Scale)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Partition field '{fieldName}' has scale {type.Scale}, the value {value} has scale {value.DecimalScale}.");
        }

        int size = PrimitiveType.DecimalRequiredBytes(type.Precision);
        Int128 unscaled = value.DecimalUnscaled;
        int minimal = SingleValueBinary.DecimalByteCount(unscaled);
        if (minimal > size)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Partition value {value} does not fit decimal({type.Precision}, {type.Scale}).");
        }

        // Fixed-size two's complement: sign-extend the minimal big-endian form to the full width.
        Span<byte> bytes = stackalloc byte[size];
        bytes[..(size - minimal)].Fill(unscaled < 0 ? (byte)0xFF : (byte)0);
        SingleValueBinary.WriteDecimal(unscaled, bytes[(size - minimal)..]);
        writer.WriteFixed(bytes);
    }
}
