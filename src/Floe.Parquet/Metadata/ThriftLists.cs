using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>Reads one list element.</summary>
internal delegate T ThriftElementReader<T>(ref ThriftCompactReader reader);

/// <summary>Reads and writes the Thrift lists of the metadata model.</summary>
internal static class ThriftLists
{
    public static List<T> Read<T>(ref ThriftCompactReader reader, ThriftType expected, ThriftElementReader<T> readElement, string what)
    {
        int start = reader.Position;
        int count = reader.ReadListHeader(out ThriftType elementType);
        if (count > 0 && elementType != expected)
        {
            throw reader.Error($"{what} holds {elementType} elements where {expected} was expected", start);
        }

        var items = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            items.Add(readElement(ref reader));
        }

        return items;
    }

    public static List<string> ReadStrings(ref ThriftCompactReader reader, string what) =>
        Read(ref reader, ThriftType.Binary, static (ref ThriftCompactReader r) => r.ReadString(), what);

    public static List<TEnum> ReadEnums<TEnum>(ref ThriftCompactReader reader, string what)
        where TEnum : struct, Enum =>
        Read(ref reader, ThriftType.I32, static (ref ThriftCompactReader r) => IntToEnum<TEnum>(r.ReadI32()), what);

    public static void WriteStructs<T>(ThriftCompactWriter writer, short fieldId, IReadOnlyList<T> items, Action<T, ThriftCompactWriter> write)
    {
        writer.WriteListField(fieldId, ThriftType.Struct, items.Count);
        foreach (T item in items)
        {
            write(item, writer);
        }
    }

    public static void WriteStrings(ThriftCompactWriter writer, short fieldId, IReadOnlyList<string> items)
    {
        writer.WriteListField(fieldId, ThriftType.Binary, items.Count);
        foreach (string item in items)
        {
            writer.WriteString(item);
        }
    }

    public static void WriteEnums<TEnum>(ThriftCompactWriter writer, short fieldId, IReadOnlyList<TEnum> items)
        where TEnum : struct, Enum
    {
        writer.WriteListField(fieldId, ThriftType.I32, items.Count);
        foreach (TEnum item in items)
        {
            writer.WriteI32(EnumToInt(item));
        }
    }

    public static TEnum IntToEnum<TEnum>(int value)
        where TEnum : struct, Enum => (TEnum)Enum.ToObject(typeof(TEnum), value);

    public static int EnumToInt<TEnum>(TEnum value)
        where TEnum : struct, Enum => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
}
