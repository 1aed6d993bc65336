using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>An entry of file or column key-value metadata (e.g. <c>iceberg.schema</c>).</summary>
public sealed record KeyValue(string Key, string? Value)
{
    public static KeyValue Read(ref ThriftCompactReader reader)
    {
        string? key = null;
        string? value = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary:
                    key = reader.ReadString();
                    break;
                case 2 when type == ThriftType.Binary:
                    value = reader.ReadString();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return new KeyValue(key ?? throw reader.MissingField(nameof(KeyValue), "key", 1), value);
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteStringField(1, Key);
        if (Value is not null)
        {
            writer.WriteStringField(2, Value);
        }

        writer.EndStruct();
    }
}
