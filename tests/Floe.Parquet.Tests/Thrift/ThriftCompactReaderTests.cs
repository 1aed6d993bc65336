using Floe.Parquet.Encodings;
using Floe.Parquet.Thrift;

namespace Floe.Parquet.Tests.Thrift;

public sealed class ThriftCompactReaderTests
{
    [Fact]
    public void Reads_every_scalar_type_written_by_the_writer()
    {
        byte[] bytes = Write(w =>
        {
            w.BeginStruct();
            w.WriteBoolField(1, true);
            w.WriteBoolField(2, false);
            w.WriteByteField(3, -7);
            w.WriteI16Field(4, short.MinValue);
            w.WriteI32Field(5, int.MaxValue);
            w.WriteI64Field(6, long.MinValue);
            w.WriteDoubleField(7, -1.5);
            w.WriteBinaryField(8, [1, 2, 3]);
            w.WriteStringField(40, "héllo");
            w.EndStruct();
        });

        var reader = new ThriftCompactReader(bytes);
        short token = reader.BeginStruct();
        var seen = new List<(short, object)>();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            object value = type switch
            {
                ThriftType.Bool => reader.ReadBool(),
                ThriftType.Byte => reader.ReadByte(),
                ThriftType.I16 => reader.ReadI16(),
                ThriftType.I32 => reader.ReadI32(),
                ThriftType.I64 => reader.ReadI64(),
                ThriftType.Double => reader.ReadDouble(),
                ThriftType.Binary when id == 8 => Convert.ToHexString(reader.ReadBinaryArray()),
                ThriftType.Binary => reader.ReadString(),
                _ => throw new InvalidOperationException(type.ToString()),
            };
            seen.Add((id, value));
        }

        reader.EndStruct(token);
        Assert.Equal(bytes.Length, reader.Position);
        Assert.Equal(
            [(1, true), (2, false), (3, (sbyte)-7), (4, short.MinValue), (5, int.MaxValue), (6, long.MinValue), (7, -1.5), (8, "010203"), (40, "héllo")],
            seen);
    }

    [Fact]
    public void Uses_short_field_headers_for_small_deltas_and_long_ones_otherwise()
    {
        byte[] bytes = Write(w =>
        {
            w.BeginStruct();
            w.WriteI32Field(1, 1);
            w.WriteI32Field(20, 1);
            w.WriteI32Field(3, 1);
            w.EndStruct();
        });

        // 0x15 = delta 1, i32; then 0x05 + zigzag(20)=40; then 0x05 + zigzag(3)=6 because the delta is negative.
        Assert.Equal(new byte[] { 0x15, 0x02, 0x05, 40, 0x02, 0x05, 6, 0x02, 0x00 }, bytes);
    }

    [Fact]
    public void Skips_unknown_fields_of_every_type()
    {
        byte[] bytes = Write(w =>
        {
            w.BeginStruct();
            w.WriteBoolField(1, true);
            w.WriteByteField(2, 1);
            w.WriteI16Field(3, 2);
            w.WriteI64Field(4, 3);
            w.WriteDoubleField(5, 4);
            w.WriteBinaryField(6, [5, 6]);
            w.WriteListField(7, ThriftType.I32, 20);
            for (int i = 0; i < 20; i++)
            {
                w.WriteI32(i);
            }

            w.WriteListField(8, ThriftType.Bool, 2);
            w.WriteBool(true);
            w.WriteBool(false);
            w.WriteFieldHeader(9, ThriftType.Map);
            w.WriteMapHeader(ThriftType.Binary, ThriftType.Struct, 1);
            w.WriteString("k");
            w.BeginStruct();
            w.WriteI32Field(1, 9);
            w.EndStruct();
            w.WriteFieldHeader(10, ThriftType.Map);
            w.WriteMapHeader(ThriftType.I32, ThriftType.I32, 0);
            w.BeginStructField(11);
            w.BeginStructField(1);
            w.WriteStringField(2, "deep");
            w.EndStruct();
            w.EndStruct();
            w.WriteI32Field(12, 42);
            w.EndStruct();
        });

        var reader = new ThriftCompactReader(bytes);
        short token = reader.BeginStruct();
        int? value = null;
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            if (id == 12)
            {
                value = reader.ReadI32();
            }
            else
            {
                reader.Skip(type);
            }
        }

        reader.EndStruct(token);
        Assert.Equal(42, value);
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Fact]
    public void Truncated_data_fails_with_the_offset()
    {
        byte[] bytes = Write(w =>
        {
            w.BeginStruct();
            w.WriteStringField(1, "abcdef");
            w.EndStruct();
        });

        var ex = Assert.Throws<ParquetException>(() =>
        {
            var reader = new ThriftCompactReader(bytes.AsSpan(0, 4), baseOffset: 1000);
            reader.BeginStruct();
            reader.ReadFieldHeader(out _, out _);
            reader.ReadString();
        });
        Assert.Contains("binary length 6", ex.Message);
        Assert.Contains("byte 1001", ex.Message);
    }

    [Fact]
    public void Over_long_varints_are_rejected()
    {
        byte[] bytes = [0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00];
        var ex = Assert.Throws<ParquetException>(() =>
        {
            var reader = new ThriftCompactReader(bytes);
            reader.BeginStruct();
            reader.ReadFieldHeader(out _, out _);
            reader.ReadI32();
        });
        Assert.Contains("byte 1", ex.Message);
    }

    [Fact]
    public void List_counts_larger_than_the_data_are_rejected_before_allocating()
    {
        // A list header claiming 2^31-1 i32 elements with only a few bytes behind it.
        byte[] bytes = [0x19, 0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00];
        var ex = Assert.Throws<ParquetException>(() =>
        {
            var reader = new ThriftCompactReader(bytes);
            reader.BeginStruct();
            reader.ReadFieldHeader(out ThriftType type, out _);
            reader.Skip(type);
        });
        Assert.Contains("cannot fit", ex.Message);
    }

    [Fact]
    public void Map_counts_larger_than_the_data_are_rejected()
    {
        byte[] bytes = [0x1B, 0xFF, 0xFF, 0x03, 0x55, 0x00];
        Assert.Throws<ParquetException>(() =>
        {
            var reader = new ThriftCompactReader(bytes);
            reader.BeginStruct();
            reader.ReadFieldHeader(out ThriftType type, out _);
            reader.Skip(type);
        });
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_rejected()
    {
        // 100 nested struct fields (each 0x1C = delta 1, struct) followed by stops.
        var bytes = new List<byte>();
        bytes.AddRange(Enumerable.Repeat((byte)0x1C, 100));
        bytes.AddRange(Enumerable.Repeat((byte)0x00, 101));
        byte[] data = [.. bytes];
        var ex = Assert.Throws<ParquetException>(() =>
        {
            var reader = new ThriftCompactReader(data, maxDepth: 64);
            reader.Skip(ThriftType.Struct);
        });
        Assert.Contains("nesting deeper than 64", ex.Message);
    }

    [Fact]
    public void Nesting_within_the_limit_is_accepted()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Enumerable.Repeat((byte)0x1C, 10));
        bytes.AddRange(Enumerable.Repeat((byte)0x00, 11));
        byte[] data = [.. bytes];
        var reader = new ThriftCompactReader(data);
        reader.Skip(ThriftType.Struct);
        Assert.Equal(data.Length, reader.Position);
    }

    [Fact]
    public void Unknown_type_codes_are_rejected_with_the_offset()
    {
        byte[] data = [0x15, 0x02, 0x1F, 0x00];
        var ex = Assert.Throws<ParquetException>(() =>
        {
            var reader = new ThriftCompactReader(data, baseOffset: 10);
            reader.Skip(ThriftType.Struct);
        });
        Assert.Contains("unknown compact type code 15", ex.Message);
        Assert.Contains("byte 12", ex.Message);
    }

    [Fact]
    public void Invalid_utf8_strings_are_rejected()
    {
        byte[] data = [0x02, 0xC3, 0x28];
        Assert.Throws<ParquetException>(() =>
        {
            var reader = new ThriftCompactReader(data);
            reader.ReadString();
        });
    }

    [Fact]
    public void I32_values_outside_32_bits_are_rejected()
    {
        byte[] data = Write(w => w.WriteI64(1L << 40));
        Assert.Throws<ParquetException>(() =>
        {
            var reader = new ThriftCompactReader(data);
            reader.ReadI32();
        });
    }

    [Fact]
    public void Long_lists_use_the_varint_size_form()
    {
        byte[] data = Write(w =>
        {
            w.WriteListHeader(ThriftType.I64, 300);
            for (int i = 0; i < 300; i++)
            {
                w.WriteI64(-i);
            }
        });

        Assert.Equal(0xF6, data[0]);
        var reader = new ThriftCompactReader(data);
        int count = reader.ReadListHeader(out ThriftType element);
        Assert.Equal(300, count);
        Assert.Equal(ThriftType.I64, element);
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += reader.ReadI64();
        }

        Assert.Equal(-(299L * 300 / 2), sum);
    }

    internal static byte[] Write(Action<ThriftCompactWriter> write)
    {
        using var buffer = new PooledBuffer();
        write(new ThriftCompactWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }
}
