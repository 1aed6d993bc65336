using Floe.Parquet.Compression;
using Floe.Parquet.Metadata;
using Floe.Parquet.Tests.Thrift;
using Floe.Parquet.Thrift;
using ColumnarTimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Parquet.Tests.Metadata;

public sealed class MetadataRoundTripTests
{
    [Fact]
    public void File_metadata_with_every_field_round_trips()
    {
        FileMetaData original = SampleFile();
        byte[] bytes = ThriftCompactReaderTests.Write(original.Write);

        FileMetaData read = FileMetaData.Parse(bytes);

        Assert.Equal(bytes, ThriftCompactReaderTests.Write(read.Write));
        Assert.Equal(2, read.Version);
        Assert.Equal(1234, read.NumRows);
        Assert.Equal("floe test", read.CreatedBy);
        Assert.Equal("{\"a\":1}", read.GetMetadata("iceberg.schema"));
        Assert.Null(read.GetMetadata("missing"));
        Assert.Equal([ColumnOrder.TypeDefined, new ColumnOrder(ColumnOrderKind.Ieee754TotalOrder)], read.ColumnOrders);

        SchemaElement leaf = read.Schema[2];
        Assert.Equal(PhysicalType.FixedLenByteArray, leaf.Type);
        Assert.Equal(16, leaf.TypeLength);
        Assert.Equal(FieldRepetitionType.Optional, leaf.RepetitionType);
        Assert.Equal(ConvertedType.Decimal, leaf.ConvertedType);
        Assert.Equal(38, leaf.Precision);
        Assert.Equal(10, leaf.Scale);
        Assert.Equal(7, leaf.FieldId);
        Assert.Equal(new DecimalType(10, 38), leaf.LogicalType);

        RowGroup group = read.RowGroups[0];
        Assert.Equal(1234, group.NumRows);
        Assert.Equal(99, group.TotalByteSize);
        Assert.Equal(4, group.FileOffset);
        Assert.Equal(77, group.TotalCompressedSize);
        Assert.Equal((short)0, group.Ordinal);
        Assert.Equal([new SortingColumn(0, true, false)], group.SortingColumns);

        ColumnChunk chunk = group.Columns[0];
        Assert.Equal(4, chunk.FileOffset);
        Assert.Equal(500, chunk.OffsetIndexOffset);
        Assert.Equal(20, chunk.OffsetIndexLength);
        Assert.Equal(520, chunk.ColumnIndexOffset);
        Assert.Equal(30, chunk.ColumnIndexLength);
        ColumnMetaData meta = chunk.MetaData!;
        Assert.Equal(PhysicalType.FixedLenByteArray, meta.Type);
        Assert.Equal([Encoding.Plain, Encoding.Rle, Encoding.RleDictionary], meta.Encodings);
        Assert.Equal(["s", "d"], meta.PathInSchema);
        Assert.Equal(CompressionCodec.Zstd, meta.Codec);
        Assert.Equal(1234, meta.NumValues);
        Assert.Equal(300, meta.TotalUncompressedSize);
        Assert.Equal(200, meta.TotalCompressedSize);
        Assert.Equal(40, meta.DataPageOffset);
        Assert.Equal(4, meta.DictionaryPageOffset);
        Assert.Equal(3, meta.IndexPageOffset);
        Assert.Equal(600, meta.BloomFilterOffset);
        Assert.Equal(64, meta.BloomFilterLength);
        Assert.Equal([new KeyValue("ck", null)], meta.KeyValueMetadata);
        Assert.Equal([new PageEncodingStats(PageType.DictionaryPage, Encoding.Plain, 1)], meta.EncodingStats);
        Statistics stats = meta.Statistics!;
        Assert.Equal(new byte[] { 9 }, stats.Max);
        Assert.Equal(new byte[] { 1 }, stats.Min);
        Assert.Equal(new byte[] { 8 }, stats.MaxValue);
        Assert.Equal(new byte[] { 2 }, stats.MinValue);
        Assert.Equal(5, stats.NullCount);
        Assert.Equal(6, stats.DistinctCount);
        Assert.True(stats.IsMaxValueExact);
        Assert.False(stats.IsMinValueExact);
        Assert.Equal(0, stats.NanCount);
    }

    [Theory]
    [MemberData(nameof(LogicalTypes))]
    public void Every_logical_type_round_trips(LogicalType type)
    {
        byte[] bytes = ThriftCompactReaderTests.Write(type.Write);
        var reader = new ThriftCompactReader(bytes);
        Assert.Equal(type, LogicalType.Read(ref reader));
        Assert.Equal(bytes.Length, reader.Position);
    }

    public static TheoryData<LogicalType> LogicalTypes() =>
    [
        StringType.Instance, MapType.Instance, ListType.Instance, EnumType.Instance, new DecimalType(2, 9),
        DateType.Instance, new TimeType(false, ColumnarTimeUnit.Milliseconds), new TimeType(true, ColumnarTimeUnit.Nanoseconds),
        new TimestampType(true, ColumnarTimeUnit.Microseconds), new TimestampType(false, ColumnarTimeUnit.Nanoseconds),
        new IntType(8, false), new IntType(64, true), NullType.Instance, JsonType.Instance, BsonType.Instance,
        UuidType.Instance, Float16Type.Instance, new OtherLogicalType(17),
    ];

    [Fact]
    public void Page_headers_of_every_kind_round_trip()
    {
        PageHeader[] headers =
        [
            new()
            {
                Type = PageType.DataPage, UncompressedPageSize = 100, CompressedPageSize = 80, Crc = -5,
                DataPageHeader = new DataPageHeader
                {
                    NumValues = 10, Encoding = Encoding.RleDictionary, Statistics = new Statistics { NullCount = 1 },
                },
            },
            new()
            {
                Type = PageType.DictionaryPage, UncompressedPageSize = 10, CompressedPageSize = 10,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = 3, Encoding = Encoding.PlainDictionary, IsSorted = true },
            },
            new()
            {
                Type = PageType.DataPageV2, UncompressedPageSize = 64, CompressedPageSize = 32,
                DataPageHeaderV2 = new DataPageHeaderV2
                {
                    NumValues = 9, NumNulls = 2, NumRows = 4, Encoding = Encoding.DeltaBinaryPacked,
                    DefinitionLevelsByteLength = 3, RepetitionLevelsByteLength = 2, IsCompressed = false,
                    Statistics = new Statistics { MinValue = [1], MaxValue = [2] },
                },
            },
        ];

        foreach (PageHeader header in headers)
        {
            byte[] bytes = ThriftCompactReaderTests.Write(header.Write);
            var reader = new ThriftCompactReader(bytes);
            PageHeader read = PageHeader.Read(ref reader);
            Assert.Equal(bytes, ThriftCompactReaderTests.Write(read.Write));
            Assert.Equal(header.Type, read.Type);
            Assert.Equal(header.CompressedPageSize, read.CompressedPageSize);
        }

        var v2Reader = new ThriftCompactReader(ThriftCompactReaderTests.Write(headers[2].Write));
        DataPageHeaderV2 v2 = PageHeader.Read(ref v2Reader).DataPageHeaderV2!;
        Assert.False(v2.IsCompressed);
        Assert.Equal((9, 2, 4, 3, 2), (v2.NumValues, v2.NumNulls, v2.NumRows, v2.DefinitionLevelsByteLength, v2.RepetitionLevelsByteLength));
        Assert.Equal(Encoding.DeltaBinaryPacked, v2.Encoding);
    }

    [Fact]
    public void Data_page_v2_is_compressed_by_default()
    {
        byte[] bytes = ThriftCompactReaderTests.Write(w =>
        {
            w.BeginStruct();
            w.WriteI32Field(1, 1);
            w.WriteI32Field(2, 0);
            w.WriteI32Field(3, 1);
            w.WriteI32Field(4, 0);
            w.WriteI32Field(5, 0);
            w.WriteI32Field(6, 0);
            w.EndStruct();
        });
        var reader = new ThriftCompactReader(bytes);
        Assert.True(DataPageHeaderV2.Read(ref reader).IsCompressed);
    }

    [Fact]
    public void Unknown_fields_in_metadata_are_skipped()
    {
        byte[] bytes = ThriftCompactReaderTests.Write(w =>
        {
            w.BeginStruct();
            w.WriteI32Field(1, 1);
            w.WriteListField(2, ThriftType.Struct, 1);
            w.BeginStruct();
            w.WriteStringField(4, "root");
            w.WriteI32Field(5, 0);
            w.BeginStructField(30);
            w.WriteStringField(1, "future");
            w.EndStruct();
            w.EndStruct();
            w.WriteI64Field(3, 0);
            w.WriteListField(4, ThriftType.Struct, 0);
            w.WriteBinaryField(9, [1, 2, 3]);
            w.WriteFieldHeader(50, ThriftType.Map);
            w.WriteMapHeader(ThriftType.I32, ThriftType.Binary, 1);
            w.WriteI32(1);
            w.WriteString("x");
            w.EndStruct();
        });

        FileMetaData meta = FileMetaData.Parse(bytes);
        Assert.Equal("root", meta.Schema[0].Name);
        Assert.Empty(meta.RowGroups);
    }

    [Fact]
    public void Missing_required_fields_are_reported_by_name()
    {
        byte[] bytes = ThriftCompactReaderTests.Write(w =>
        {
            w.BeginStruct();
            w.WriteI32Field(1, 1);
            w.WriteI64Field(3, 0);
            w.WriteListField(4, ThriftType.Struct, 0);
            w.EndStruct();
        });

        var ex = Assert.Throws<ParquetException>(() => FileMetaData.Parse(bytes, baseOffset: 100));
        Assert.Contains("'schema' (2)", ex.Message);
    }

    [Fact]
    public void Fields_with_unexpected_types_are_treated_as_unknown()
    {
        // num_rows written as a string: skipped, so the required field is reported missing.
        byte[] bytes = ThriftCompactReaderTests.Write(w =>
        {
            w.BeginStruct();
            w.WriteI32Field(1, 1);
            w.WriteListField(2, ThriftType.Struct, 0);
            w.WriteStringField(3, "12");
            w.WriteListField(4, ThriftType.Struct, 0);
            w.EndStruct();
        });

        var ex = Assert.Throws<ParquetException>(() => FileMetaData.Parse(bytes));
        Assert.Contains("num_rows", ex.Message);
    }

    [Fact]
    public void Lists_with_the_wrong_element_type_are_rejected()
    {
        byte[] bytes = ThriftCompactReaderTests.Write(w =>
        {
            w.BeginStruct();
            w.WriteI32Field(1, 1);
            w.WriteListField(2, ThriftType.I32, 1);
            w.WriteI32(5);
            w.EndStruct();
        });

        var ex = Assert.Throws<ParquetException>(() => FileMetaData.Parse(bytes));
        Assert.Contains("FileMetaData.schema", ex.Message);
    }

    [Fact]
    public void Every_prefix_of_a_footer_fails_cleanly()
    {
        byte[] bytes = ThriftCompactReaderTests.Write(SampleFile().Write);
        for (int length = 0; length < bytes.Length; length++)
        {
            byte[] prefix = bytes[..length];
            Assert.Throws<ParquetException>(() => FileMetaData.Parse(prefix));
        }
    }

    [Fact]
    public void Corrupted_footers_never_throw_anything_but_parquet_exceptions()
    {
        byte[] bytes = ThriftCompactReaderTests.Write(SampleFile().Write);
        var random = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            byte[] corrupt = (byte[])bytes.Clone();
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            }

            try
            {
                FileMetaData.Parse(corrupt);
            }
            catch (ParquetException)
            {
            }
        }
    }

    internal static FileMetaData SampleFile() => new()
    {
        Version = 2,
        NumRows = 1234,
        CreatedBy = "floe test",
        KeyValueMetadata = [new KeyValue("iceberg.schema", "{\"a\":1}"), new KeyValue("empty", null)],
        ColumnOrders = [ColumnOrder.TypeDefined, new ColumnOrder(ColumnOrderKind.Ieee754TotalOrder)],
        Schema =
        [
            new SchemaElement { Name = "schema", NumChildren = 1 },
            new SchemaElement { Name = "s", NumChildren = 1, RepetitionType = FieldRepetitionType.Required, FieldId = 1 },
            new SchemaElement
            {
                Name = "d", Type = PhysicalType.FixedLenByteArray, TypeLength = 16, RepetitionType = FieldRepetitionType.Optional,
                ConvertedType = ConvertedType.Decimal, Precision = 38, Scale = 10, FieldId = 7, LogicalType = new DecimalType(10, 38),
            },
        ],
        RowGroups =
        [
            new RowGroup
            {
                NumRows = 1234, TotalByteSize = 99, FileOffset = 4, TotalCompressedSize = 77, Ordinal = 0,
                SortingColumns = [new SortingColumn(0, true, false)],
                Columns =
                [
                    new ColumnChunk
                    {
                        FileOffset = 4, OffsetIndexOffset = 500, OffsetIndexLength = 20, ColumnIndexOffset = 520, ColumnIndexLength = 30,
                        MetaData = new ColumnMetaData
                        {
                            Type = PhysicalType.FixedLenByteArray,
                            Encodings = [Encoding.Plain, Encoding.Rle, Encoding.RleDictionary],
                            PathInSchema = ["s", "d"],
                            Codec = CompressionCodec.Zstd,
                            NumValues = 1234,
                            TotalUncompressedSize = 300,
                            TotalCompressedSize = 200,
                            KeyValueMetadata = [new KeyValue("ck", null)],
                            DataPageOffset = 40,
                            IndexPageOffset = 3,
                            DictionaryPageOffset = 4,
                            BloomFilterOffset = 600,
                            BloomFilterLength = 64,
                            EncodingStats = [new PageEncodingStats(PageType.DictionaryPage, Encoding.Plain, 1)],
                            Statistics = new Statistics
                            {
                                Max = [9], Min = [1], MaxValue = [8], MinValue = [2], NullCount = 5, DistinctCount = 6,
                                IsMaxValueExact = true, IsMinValueExact = false, NanCount = 0,
                            },
                        },
                    },
                ],
            },
        ],
    };
}
