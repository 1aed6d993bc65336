using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>
/// One node of the schema in depth-first order: a group when <see cref="NumChildren"/> is set (the root always is),
/// else a leaf column with a <see cref="Type"/>.
/// </summary>
public sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    /// <summary>Byte width of FIXED_LEN_BYTE_ARRAY values (field 2).</summary>
    public int? TypeLength { get; set; }

    /// <summary>Absent only on the root.</summary>
    public FieldRepetitionType? RepetitionType { get; set; }

    public string Name { get; set; } = string.Empty;

    public int? NumChildren { get; set; }

    public ConvertedType? ConvertedType { get; set; }

    public int? Scale { get; set; }

    public int? Precision { get; set; }

    /// <summary>The Iceberg (or other) field id (field 9).</summary>
    public int? FieldId { get; set; }

    public LogicalType? LogicalType { get; set; }

    public static SchemaElement Read(ref ThriftCompactReader reader)
    {
        var element = new SchemaElement();
        bool hasName = false;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    element.Type = (PhysicalType)reader.ReadI32();
                    break;
                case 2 when type == ThriftType.I32:
                    element.TypeLength = reader.ReadI32();
                    break;
                case 3 when type == ThriftType.I32:
                    element.RepetitionType = (FieldRepetitionType)reader.ReadI32();
                    break;
                case 4 when type == ThriftType.Binary:
                    element.Name = reader.ReadString();
                    hasName = true;
                    break;
                case 5 when type == ThriftType.I32:
                    element.NumChildren = reader.ReadI32();
                    break;
                case 6 when type == ThriftType.I32:
                    element.ConvertedType = (ConvertedType)reader.ReadI32();
                    break;
                case 7 when type == ThriftType.I32:
                    element.Scale = reader.ReadI32();
                    break;
                case 8 when type == ThriftType.I32:
                    element.Precision = reader.ReadI32();
                    break;
                case 9 when type == ThriftType.I32:
                    element.FieldId = reader.ReadI32();
                    break;
                case 10 when type == ThriftType.Struct:
                    element.LogicalType = LogicalType.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        if (!hasName)
        {
            throw reader.MissingField(nameof(SchemaElement), "name", 4);
        }

        return element;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        if (Type is PhysicalType physical)
        {
            writer.WriteI32Field(1, (int)physical);
        }

        if (TypeLength is int length)
        {
            writer.WriteI32Field(2, length);
        }

        if (RepetitionType is FieldRepetitionType repetition)
        {
            writer.WriteI32Field(3, (int)repetition);
        }

        writer.WriteStringField(4, Name);
        if (NumChildren is int children)
        {
            writer.WriteI32Field(5, children);
        }

        if (ConvertedType is ConvertedType converted)
        {
            writer.WriteI32Field(6, (int)converted);
        }

        if (Scale is int scale)
        {
            writer.WriteI32Field(7, scale);
        }

        if (Precision is int precision)
        {
            writer.WriteI32Field(8, precision);
        }

        if (FieldId is int fieldId)
        {
            writer.WriteI32Field(9, fieldId);
        }

        if (LogicalType is not null)
        {
            writer.WriteFieldHeader(10, ThriftType.Struct);
            LogicalType.Write(writer);
        }

        writer.EndStruct();
    }
}
