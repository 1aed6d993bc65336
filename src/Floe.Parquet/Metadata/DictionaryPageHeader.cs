using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>Header of a dictionary page: the column's distinct values, PLAIN-encoded.</summary>
public sealed class DictionaryPageHeader
{
    public int NumValues { get; set; }

    public Encoding Encoding { get; set; } = Encoding.Plain;

    public bool? IsSorted { get; set; }

    public static DictionaryPageHeader Read(ref ThriftCompactReader reader)
    {
        var header = new DictionaryPageHeader();
        bool hasCount = false;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    header.NumValues = reader.ReadI32();
                    hasCount = true;
                    break;
                case 2 when type == ThriftType.I32:
                    header.Encoding = (Encoding)reader.ReadI32();
                    break;
                case 3 when type == ThriftType.Bool:
                    header.IsSorted = reader.ReadBool();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return hasCount ? header : throw reader.MissingField(nameof(DictionaryPageHeader), "num_values", 1);
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, (int)Encoding);
        if (IsSorted is bool sorted)
        {
            writer.WriteBoolField(3, sorted);
        }

        writer.EndStruct();
    }
}
