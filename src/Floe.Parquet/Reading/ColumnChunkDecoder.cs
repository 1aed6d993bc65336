using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Compression;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;
using Floe.Parquet.Thrift;

namespace Floe.Parquet.Reading;

/// <summary>
/// Walks the pages of one column chunk held in memory: parses each page header, decompresses, decodes levels,
/// and hands the values to the leaf's <see cref="LeafValueReader"/>. Dictionary pages load the dictionary; index
/// pages and unknown page types are skipped. A data or dictionary page whose header carries a CRC-32 is checked
/// against it before it is decompressed, unless checking is switched off. Any failure is reported as a <see cref="ParquetException"/> naming
/// the column, the row group, the page and its file offset. Scratch buffers are pooled and reused across chunks.
/// </summary>
internal sealed class ColumnChunkDecoder : IDisposable
{
    /// <summary>The largest page (compressed or not) accepted; bigger sizes come from corrupt headers.</summary>
    public const int MaxPageSize = 1 << 30;

    /// <summary>
    /// The most level entries one page may declare. Runs of levels and dictionary indices compress without limit,
    /// so the page bytes cannot bound the count; real writers stay far below this.
    /// </summary>
    public const int MaxPageValues = 1 << 27;

    private readonly bool _verifyChecksums;
    private ScratchBuffer<byte> _decompressed;
    private ScratchBuffer<int> _definition;
    private ScratchBuffer<int> _repetition;
    private ScratchBuffer<bool> _presence;

    /// <summary>A decoder that checks page CRCs when <paramref name="verifyChecksums"/> is set.</summary>
    public ColumnChunkDecoder(bool verifyChecksums = true)
    {
        _verifyChecksums = verifyChecksums;
    }

    /// <summary>
    /// Decodes every page of <paramref name="chunk"/> (which starts at file offset <paramref name="chunkOffset"/>)
    /// into <paramref name="target"/>, one row per level entry that starts a slot of the leaf
    /// (<c>rep &lt;= slotRepetition &amp;&amp; def &gt;= slotDefinition</c>); keeps all levels in
    /// <paramref name="levels"/> when given. Returns the number of rows appended.
    /// </summary>
    public long Decode(
        ReadOnlySpan<byte> chunk,
        long chunkOffset,
        ColumnMetaData meta,
        int rowGroup,
        LeafValueReader values,
        ColumnVector target,
        int slotRepetition,
        int slotDefinition,
        LevelBuffer? levels)
    {
        ColumnDescriptor column = values.Column;
        var state = new ChunkState
        {
            Codec = meta.Codec,
            Total = meta.NumValues,
            SlotRepetition = slotRepetition,
            SlotDefinition = slotDefinition,
        };
        if (state.Total < 0)
        {
            throw new ParquetException($"Column '{column.DottedPath}', row group {rowGroup}: num_values {state.Total} is negative.");
        }

        int position = 0;
        int pageIndex = 0;
        long rowsBefore = target.Length;
        while (state.Seen < state.Total)
        {
            long pageOffset = chunkOffset + position;
            if (position >= chunk.Length)
            {
                throw new ParquetException(
                    $"Column '{column.DottedPath}', row group {rowGroup}: the column chunk ends at byte {pageOffset} after {state.Seen} of its {state.Total} values.");
            }

            try
            {
                var reader = new ThriftCompactReader(chunk[position..], pageOffset);
                PageHeader header = PageHeader.Read(ref reader);
                position += reader.Position;
                if (header.CompressedPageSize < 0 || header.CompressedPageSize > chunk.Length - position)
                {
                    throw new ParquetException(
                        $"the page's {header.CompressedPageSize} bytes run past the end of the column chunk ({chunk.Length - position} bytes left).");
                }

                if (header.UncompressedPageSize is < 0 or > MaxPageSize)
                {
                    throw new ParquetException($"the uncompressed page size {header.UncompressedPageSize} is out of range.");
                }

                ReadOnlySpan<byte> page = chunk.Slice(position, header.CompressedPageSize);
                position += header.CompressedPageSize;
                if (_verifyChecksums && header.Crc is int expected
                    && header.Type is PageType.DataPage or PageType.DataPageV2 or PageType.DictionaryPage)
                {
                    VerifyChecksum(page, expected, header.Type);
                }

                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        ReadDictionaryPage(header, page, values, state);
                        break;
                    case PageType.DataPage:
                        ReadDataPageV1(header, page, values, target, levels, ref state);
                        break;
                    case PageType.DataPageV2:
                        ReadDataPageV2(header, page, values, target, levels, ref state);
                        break;
                    default:
                        // Index pages and page types from newer writers carry nothing this reader needs.
                        break;
                }
            }
            catch (Exception ex) when (ex is ParquetException or ArgumentException or InvalidDataException)
            {
                throw new ParquetException(
                    ex is ParquetException p ? p.Kind : FloeErrorKind.InvalidData,
                    $"Column '{column.DottedPath}', row group {rowGroup}, page {pageIndex} at byte {pageOffset}: {ex.Message}",
                    ex);
            }

            pageIndex++;
        }

        return target.Length - rowsBefore;
    }

    public void Dispose()
    {
        _decompressed.Dispose();
        _definition.Dispose();
        _repetition.Dispose();
        _presence.Dispose();
    }

    private static void VerifyChecksum(ReadOnlySpan<byte> page, int expected, PageType type)
    {
        int actual = PageChecksum.Compute(page);
        if (actual != expected)
        {
            throw new ParquetException(
                $"the {(type == PageType.DictionaryPage ? "dictionary" : "data")} page's {page.Length} bytes have CRC-32 0x{(uint)actual:x8} but the page header records 0x{(uint)expected:x8}: the page is corrupt.");
        }
    }

    private void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> page, LeafValueReader values, ChunkState state)
    {
        DictionaryPageHeader dictionary = header.DictionaryPageHeader
            ?? throw new ParquetException("a DICTIONARY_PAGE has no dictionary_page_header.");
        if (dictionary.Encoding is not (Encoding.Plain or Encoding.PlainDictionary))
        {
            throw new ParquetException(FloeErrorKind.Unsupported, $"the dictionary page uses encoding {dictionary.Encoding}; PLAIN was expected.");
        }

        ReadOnlySpan<byte> data = Decompress(page, header.UncompressedPageSize, state.Codec);
        if (dictionary.NumValues < 0 || dictionary.NumValues > data.Length)
        {
            throw new ParquetException($"the dictionary page claims {dictionary.NumValues} values in {data.Length} bytes.");
        }

        values.ReadDictionary(data, dictionary.NumValues);
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> page, LeafValueReader values, ColumnVector target, LevelBuffer? levels, ref ChunkState state)
    {
        DataPageHeader data = header.DataPageHeader ?? throw new ParquetException("a DATA_PAGE has no data_page_header.");
        int count = CheckCount(data.NumValues, state);
        ReadOnlySpan<byte> body = Decompress(page, header.UncompressedPageSize, state.Codec);
        ColumnDescriptor column = values.Column;
        int position = 0;
        Span<int> repetition = default;
        Span<int> definition = default;
        if (column.MaxRepetitionLevel > 0)
        {
            repetition = _repetition.Get(count);
            position += LevelDecoder.DecodeV1(body, data.RepetitionLevelEncoding, column.MaxRepetitionLevel, repetition, "repetition");
        }

        if (column.MaxDefinitionLevel > 0)
        {
            definition = _definition.Get(count);
            position += LevelDecoder.DecodeV1(body[position..], data.DefinitionLevelEncoding, column.MaxDefinitionLevel, definition, "definition");
        }

        ReadValues(values, target, levels, ref state, count, definition, repetition, body[position..], data.Encoding, expectedNulls: -1);
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> page, LeafValueReader values, ColumnVector target, LevelBuffer? levels, ref ChunkState state)
    {
        DataPageHeaderV2 data = header.DataPageHeaderV2 ?? throw new ParquetException("a DATA_PAGE_V2 has no data_page_header_v2.");
        int count = CheckCount(data.NumValues, state);
        if (data.NumNulls < 0 || data.NumNulls > count)
        {
            throw new ParquetException($"num_nulls {data.NumNulls} is outside 0..{count}.");
        }

        int repetitionLength = data.RepetitionLevelsByteLength;
        int definitionLength = data.DefinitionLevelsByteLength;
        if (repetitionLength < 0 || definitionLength < 0 || (long)repetitionLength + definitionLength > page.Length)
        {
            throw new ParquetException(
                $"level sections of {repetitionLength} and {definitionLength} bytes do not fit in the page's {page.Length} bytes.");
        }

        ColumnDescriptor column = values.Column;
        Span<int> repetition = default;
        Span<int> definition = default;
        if (column.MaxRepetitionLevel > 0)
        {
            repetition = _repetition.Get(count);
            LevelDecoder.DecodeV2(page[..repetitionLength], column.MaxRepetitionLevel, repetition, "repetition");
        }

        if (column.MaxDefinitionLevel > 0)
        {
            definition = _definition.Get(count);
            LevelDecoder.DecodeV2(page.Slice(repetitionLength, definitionLength), column.MaxDefinitionLevel, definition, "definition");
        }

        ReadOnlySpan<byte> stored = page[(repetitionLength + definitionLength)..];
        int uncompressed = header.UncompressedPageSize - repetitionLength - definitionLength;
        if (uncompressed < 0)
        {
            throw new ParquetException($"the uncompressed page size {header.UncompressedPageSize} is smaller than its level sections.");
        }

        ReadOnlySpan<byte> body = data.IsCompressed ? Decompress(stored, uncompressed, state.Codec) : stored;
        ReadValues(values, target, levels, ref state, count, definition, repetition, body, data.Encoding, data.NumNulls);
    }

    private void ReadValues(
        LeafValueReader values,
        ColumnVector target,
        LevelBuffer? levels,
        ref ChunkState state,
        int count,
        ReadOnlySpan<int> definition,
        ReadOnlySpan<int> repetition,
        ReadOnlySpan<byte> data,
        Encoding encoding,
        int expectedNulls)
    {
        int maxDefinition = values.Column.MaxDefinitionLevel;
        if (state.Seen == 0 && !repetition.IsEmpty && count > 0 && repetition[0] != 0)
        {
            throw new ParquetException($"the column chunk starts with repetition level {repetition[0]} instead of 0.");
        }

        int nonNull;
        int slotCount;
        Span<bool> presence = default;
        if (definition.IsEmpty && repetition.IsEmpty)
        {
            nonNull = count;
            slotCount = count;
        }
        else if (repetition.IsEmpty && state.SlotDefinition == 0)
        {
            // Flat: every level entry is a row.
            presence = _presence.Get(count);
            nonNull = 0;
            for (int i = 0; i < count; i++)
            {
                bool present = definition[i] == maxDefinition;
                presence[i] = present;
                nonNull += present ? 1 : 0;
            }

            slotCount = count;
        }
        else
        {
            presence = _presence.Get(count);
            nonNull = 0;
            slotCount = 0;
            for (int i = 0; i < count; i++)
            {
                int d = definition.IsEmpty ? maxDefinition : definition[i];
                int r = repetition.IsEmpty ? 0 : repetition[i];
                if (r <= state.SlotRepetition && d >= state.SlotDefinition)
                {
                    presence[slotCount++] = d == maxDefinition;
                }

                nonNull += d == maxDefinition ? 1 : 0;
            }

            presence = presence[..slotCount];
        }

        if (expectedNulls >= 0 && count - nonNull != expectedNulls)
        {
            throw new ParquetException($"the header counts {expectedNulls} nulls but the definition levels hold {count - nonNull}.");
        }

        values.ReadValues(target, data, encoding, nonNull, nonNull == slotCount ? default : presence, slotCount);
        levels?.Append(definition, repetition, count);
        state.Seen += count;
    }

    private static int CheckCount(int count, ChunkState state)
    {
        if (count > MaxPageValues)
        {
            throw new ParquetException($"the page declares {count} values, more than the {MaxPageValues} a page may hold.");
        }

        if (count < 0 || count > state.Total - state.Seen)
        {
            throw new ParquetException(
                $"the page holds {count} values but only {state.Total - state.Seen} of the column chunk's {state.Total} remain.");
        }

        return count;
    }

    private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> source, int uncompressedSize, CompressionCodec codec)
    {
        if (codec == CompressionCodec.Uncompressed)
        {
            return source;
        }

        Span<byte> destination = _decompressed.Get(uncompressedSize);
        Compressors.Get(codec).Decompress(source, destination);
        return destination;
    }

    private struct ChunkState
    {
        public CompressionCodec Codec;
        public long Total;
        public long Seen;
        public int SlotRepetition;
        public int SlotDefinition;
    }
}
