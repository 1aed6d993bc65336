using System.Buffers.Binary;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using Floe.Parquet.Schemas;
using ColumnarTimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Parquet.Tests.Reading;

public sealed class StatisticsTests
{
    private static ColumnDescriptor Column(SchemaElement leaf) =>
        ParquetSchema.FromElements([new SchemaElement { Name = "schema", NumChildren = 1 }, leaf]).Columns[0];

    private static SchemaElement Leaf(PhysicalType type, LogicalType? logical = null, ConvertedType? converted = null, int? length = null) =>
        new() { Name = "c", Type = type, RepetitionType = FieldRepetitionType.Optional, LogicalType = logical, ConvertedType = converted, TypeLength = length };

    private static byte[] Int32(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int64(long value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static ColumnStatistics? Decode(ColumnDescriptor column, Statistics stats) =>
        StatisticsDecoder.Decode(column, new ColumnMetaData { Type = column.PhysicalType, NumValues = 10, Statistics = stats });

    [Fact]
    public void Modern_bounds_are_preferred_over_deprecated_ones()
    {
        ColumnStatistics stats = Decode(Column(Leaf(PhysicalType.Int64)), new Statistics { Min = Int64(-5), Max = Int64(5), MinValue = Int64(1), MaxValue = Int64(2), NullCount = 3 })!;
        Assert.Equal((1L, 2L, 3L, 10L), ((long)stats.Min!, (long)stats.Max!, stats.NullCount, stats.ValueCount));
    }

    [Fact]
    public void Deprecated_bounds_are_used_only_where_signed_order_is_right()
    {
        var legacy = new Statistics { Min = Int32(3), Max = Int32(9) };
        Assert.Equal(3, Decode(Column(Leaf(PhysicalType.Int32)), legacy)!.Min);
        Assert.Null(Decode(Column(Leaf(PhysicalType.Int32, converted: ConvertedType.Uint16)), legacy)!.Min);
        Assert.Null(Decode(Column(Leaf(PhysicalType.ByteArray, StringType.Instance)), new Statistics { Min = [0x61], Max = [0x62] })!.Max);
        Assert.Null(StatisticsDecoder.Decode(Column(Leaf(PhysicalType.Int32)), new ColumnMetaData { Type = PhysicalType.Int32 }));
    }

    [Fact]
    public void Bounds_are_converted_like_values()
    {
        Assert.Equal(1_500_000L, Decode(Column(Leaf(PhysicalType.Int32, new TimeType(false, ColumnarTimeUnit.Milliseconds))), new Statistics { MinValue = Int32(1500), MaxValue = Int32(1500) })!.Min);
        Assert.Equal((long)uint.MaxValue, Decode(Column(Leaf(PhysicalType.Int32, new IntType(32, false))), new Statistics { MinValue = Int32(-1), MaxValue = Int32(-1) })!.Max);
        Assert.Equal((Int128)(-12), Decode(Column(Leaf(PhysicalType.FixedLenByteArray, new DecimalType(2, 4), length: 2)), new Statistics { MinValue = [0xFF, 0xF4], MaxValue = [0, 1] })!.Min);
        Assert.Equal(2L, Decode(Column(Leaf(PhysicalType.Int64, new TimeType(false, ColumnarTimeUnit.Nanoseconds))), new Statistics { MinValue = Int64(2999), MaxValue = Int64(2999) })!.Min);
        Assert.Equal("é", Decode(Column(Leaf(PhysicalType.ByteArray, StringType.Instance)), new Statistics { MinValue = "é"u8.ToArray(), MaxValue = "é"u8.ToArray() })!.Min);
        Assert.Equal(new Guid("00112233-4455-6677-8899-aabbccddeeff"), Decode(Column(Leaf(PhysicalType.FixedLenByteArray, UuidType.Instance, length: 16)),
            new Statistics { MinValue = Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), MaxValue = new byte[16] })!.Min);
    }

    [Fact]
    public void Unusable_bounds_are_dropped()
    {
        Assert.Null(Decode(Column(Leaf(PhysicalType.Double)), new Statistics { MinValue = BitConverter.GetBytes(double.NaN), MaxValue = BitConverter.GetBytes(1.0) })!.Min);
        ColumnStatistics unsigned = Decode(Column(Leaf(PhysicalType.Int64, new IntType(64, false))), new Statistics { MinValue = Int64(1), MaxValue = Int64(-1) })!;
        Assert.False(unsigned.HasMinMax);
        Assert.Null(Decode(Column(Leaf(PhysicalType.Int96)), new Statistics { MinValue = new byte[12], MaxValue = new byte[12] })!.Min);
        Assert.Null(Decode(Column(Leaf(PhysicalType.Int32)), new Statistics { MinValue = [1, 2], MaxValue = Int32(1) })!.Min);
        Assert.Null(Decode(Column(Leaf(PhysicalType.FixedLenByteArray, length: 4)), new Statistics { MinValue = [1], MaxValue = [1, 2, 3, 4] })!.Min);
    }

    [Fact]
    public void Range_by_field_id_uses_the_statistics_of_that_column()
    {
        SchemaElement leaf = Leaf(PhysicalType.Int64);
        leaf.FieldId = 12;
        ParquetSchema schema = ParquetSchema.FromElements([new SchemaElement { Name = "schema", NumChildren = 1 }, leaf]);
        var group = new RowGroup
        {
            NumRows = 10,
            Columns = [new ColumnChunk { MetaData = new ColumnMetaData { Type = PhysicalType.Int64, NumValues = 10, Statistics = new Statistics { MinValue = Int64(10), MaxValue = Int64(20) } } }],
        };
        var info = new RowGroupInfo(0, group, schema);
        Assert.True(RowGroupFilters.RangeByFieldId(12, 15L, 16L)(info));
        Assert.False(RowGroupFilters.RangeByFieldId(12, 21L, null)(info));
        Assert.False(RowGroupFilters.RangeByFieldId(12, null, 9)(info));
        Assert.True(RowGroupFilters.RangeByFieldId(13, 21L, null)(info));
        Assert.True(RowGroupFilters.NotAllNull("c")(info));
        group.Columns[0].MetaData!.Statistics!.NullCount = 10;
        Assert.False(RowGroupFilters.NotAllNull("c")(info));
    }

    [Theory]
    [InlineData(5L, 5, 0)]
    [InlineData(5, 6L, -1)]
    [InlineData(5L, 4.5, 1)]
    [InlineData(2.5f, 2.5, 0)]
    public void Numeric_bounds_compare_across_widths(object value, object bound, int expected)
    {
        Assert.True(RowGroupFilters.TryCompare(value, bound, out int comparison));
        Assert.Equal(expected, Math.Sign(comparison));
    }

    [Fact]
    public void Strings_and_binary_compare_as_unsigned_bytes_and_mismatched_types_do_not_compare()
    {
        Assert.True(RowGroupFilters.TryCompare("\uFFFD", "\U0001F600", out int strings));
        Assert.True(strings < 0, "UTF-8 order puts U+FFFD (EF BF BD) before U+1F600 (F0 ...)");
        Assert.True(RowGroupFilters.TryCompare(new byte[] { 0x80 }, new byte[] { 0x7F }, out int bytes));
        Assert.True(bytes > 0);
        Assert.True(RowGroupFilters.TryCompare((Int128)100, 99L, out int dec));
        Assert.True(dec > 0);
        Assert.False(RowGroupFilters.TryCompare("1", 1, out _));
    }
}
