using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Thrift;

namespace Floe.Parquet.Tests.Reading;

/// <summary>
/// Assembles Parquet files byte by byte for cases no writer at hand produces: legacy layouts, unusual page kinds,
/// and corrupt or hostile structures. Pages are given as header plus body; the footer is built from the schema.
/// </summary>
internal static class HandBuiltFile
{
    public sealed record Page(PageHeader Header, byte[] Body);

    public sealed record Chunk(PhysicalType Type, string[] Path, long NumValues, IReadOnlyList<Page> Pages, CompressionCodec Codec = CompressionCodec.Uncompressed);

    public static byte[] Build(IReadOnlyList<SchemaElement> schema, IReadOnlyList<IReadOnlyList<Chunk>> rowGroups, long[] rowCounts, Action<FileMetaData>? adjust = null)
    {
        using var file = new PooledBuffer();
        file.Write("PAR1"u8);
        var groups = new List<RowGroup>();
        for (int g = 0; g < rowGroups.Count; g++)
        {
            var columns = new List<ColumnChunk>();
            foreach (Chunk chunk in rowGroups[g])
            {
                long start = file.WrittenCount;
                long? dictionaryOffset = null;
                long dataOffset = -1;
                foreach (Page page in chunk.Pages)
                {
                    if (page.Header.Type == PageType.DictionaryPage)
                    {
                        dictionaryOffset ??= file.WrittenCount;
                    }
                    else if (dataOffset < 0)
                    {
                        dataOffset = file.WrittenCount;
                    }

                    page.Header.Write(new ThriftCompactWriter(file));
                    file.Write(page.Body);
                }

                columns.Add(new ColumnChunk
                {
                    FileOffset = start,
                    MetaData = new ColumnMetaData
                    {
                        Type = chunk.Type,
                        Encodings = [Encoding.Plain, Encoding.Rle],
                        PathInSchema = [.. chunk.Path],
                        Codec = chunk.Codec,
                        NumValues = chunk.NumValues,
                        TotalCompressedSize = file.WrittenCount - start,
                        TotalUncompressedSize = file.WrittenCount - start,
                        DataPageOffset = dataOffset < 0 ? start : dataOffset,
                        DictionaryPageOffset = dictionaryOffset,
                    },
                });
            }

            groups.Add(new RowGroup { Columns = columns, NumRows = rowCounts[g], TotalByteSize = 0 });
        }

        var meta = new FileMetaData
        {
            Version = 1,
            Schema = [.. schema],
            NumRows = rowCounts.Sum(),
            RowGroups = groups,
            CreatedBy = "hand built",
        };
        adjust?.Invoke(meta);
        int footerStart = file.WrittenCount;
        meta.Write(new ThriftCompactWriter(file));
        int footerLength = file.WrittenCount - footerStart;
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, footerLength);
        file.Write(length);
        file.Write("PAR1"u8);
        return file.WrittenSpan.ToArray();
    }

    /// <summary>A version 1 data page: RLE levels with length prefixes (omitted when the maximum is 0), then the values.</summary>
    public static Page V1(int count, int maxRepetition, int[]? repetition, int maxDefinition, int[]? definition, byte[] values,
        Encoding encoding = Encoding.Plain, CompressionCodec codec = CompressionCodec.Uncompressed, Encoding levelEncoding = Encoding.Rle)
    {
        using var body = new PooledBuffer();
        if (maxRepetition > 0)
        {
            RleBitPackedHybrid.EncodeLengthPrefixed(repetition!, BitPacking.BitWidth((uint)maxRepetition), body);
        }

        if (maxDefinition > 0)
        {
            if (levelEncoding == Encoding.BitPacked)
            {
                body.Write(BitPackMsbFirst(definition!, BitPacking.BitWidth((uint)maxDefinition)));
            }
            else
            {
                RleBitPackedHybrid.EncodeLengthPrefixed(definition!, BitPacking.BitWidth((uint)maxDefinition), body);
            }
        }

        body.Write(values);
        byte[] raw = body.WrittenSpan.ToArray();
        byte[] stored = Compress(raw, codec);
        return new Page(
            new PageHeader
            {
                Type = PageType.DataPage,
                UncompressedPageSize = raw.Length,
                CompressedPageSize = stored.Length,
                DataPageHeader = new DataPageHeader
                {
                    NumValues = count,
                    Encoding = encoding,
                    DefinitionLevelEncoding = levelEncoding,
                    RepetitionLevelEncoding = Encoding.Rle,
                },
            },
            stored);
    }

    /// <summary>A version 2 data page: raw RLE levels (uncompressed), then the values, compressed when asked.</summary>
    public static Page V2(int count, int nulls, int rows, int maxRepetition, int[]? repetition, int maxDefinition, int[]? definition, byte[] values,
        Encoding encoding, CompressionCodec codec = CompressionCodec.Uncompressed, bool compress = true)
    {
        using var levels = new PooledBuffer();
        if (maxRepetition > 0)
        {
            RleBitPackedHybrid.Encode(repetition!, BitPacking.BitWidth((uint)maxRepetition), levels);
        }

        int repetitionLength = levels.WrittenCount;
        if (maxDefinition > 0)
        {
            RleBitPackedHybrid.Encode(definition!, BitPacking.BitWidth((uint)maxDefinition), levels);
        }

        int definitionLength = levels.WrittenCount - repetitionLength;
        byte[] stored = compress ? Compress(values, codec) : values;
        return new Page(
            new PageHeader
            {
                Type = PageType.DataPageV2,
                UncompressedPageSize = levels.WrittenCount + values.Length,
                CompressedPageSize = levels.WrittenCount + stored.Length,
                DataPageHeaderV2 = new DataPageHeaderV2
                {
                    NumValues = count,
                    NumNulls = nulls,
                    NumRows = rows,
                    Encoding = encoding,
                    RepetitionLevelsByteLength = repetitionLength,
                    DefinitionLevelsByteLength = definitionLength,
                    IsCompressed = compress,
                },
            },
            [.. levels.WrittenSpan, .. stored]);
    }

    /// <summary>A PLAIN dictionary page.</summary>
    public static Page Dictionary(int count, byte[] values) => new(
        new PageHeader
        {
            Type = PageType.DictionaryPage,
            UncompressedPageSize = values.Length,
            CompressedPageSize = values.Length,
            DictionaryPageHeader = new DictionaryPageHeader { NumValues = count, Encoding = Encoding.Plain },
        },
        values);

    public static byte[] Compress(byte[] raw, CompressionCodec codec)
    {
        if (codec == CompressionCodec.Uncompressed)
        {
            return raw;
        }

        using var output = new PooledBuffer();
        Compressors.Get(codec).Compress(raw, output);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] PlainInt32(params int[] values)
    {
        using var buffer = new PooledBuffer();
        PlainEncoder.EncodeFixed<int>(values, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] PlainInt64(params long[] values)
    {
        using var buffer = new PooledBuffer();
        PlainEncoder.EncodeFixed<long>(values, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] PlainByteArrays(params byte[][] values)
    {
        using var buffer = new PooledBuffer();
        foreach (byte[] value in values)
        {
            PlainEncoder.EncodeByteArray(value, buffer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] DictionaryIndices(int dictionarySize, params int[] indices)
    {
        using var buffer = new PooledBuffer();
        RleBitPackedHybrid.EncodeDictionaryIndices(indices, dictionarySize, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static SchemaElement Root(int children) => new() { Name = "schema", NumChildren = children };

    public static SchemaElement Leaf(string name, PhysicalType type, FieldRepetitionType repetition, ConvertedType? converted = null, LogicalType? logical = null) =>
        new() { Name = name, Type = type, RepetitionType = repetition, ConvertedType = converted, LogicalType = logical };

    private static byte[] BitPackMsbFirst(int[] values, int bitWidth)
    {
        byte[] bytes = new byte[((values.Length * bitWidth) + 7) / 8];
        int bit = 0;
        foreach (int value in values)
        {
            for (int b = bitWidth - 1; b >= 0; b--, bit++)
            {
                if (((value >> b) & 1) != 0)
                {
                    bytes[bit >> 3] |= (byte)(0x80 >> (bit & 7));
                }
            }
        }

        return bytes;
    }
}
