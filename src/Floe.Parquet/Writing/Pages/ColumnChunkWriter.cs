using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Thrift;
using Floe.Parquet.Writing.Levels;
using Floe.Parquet.Writing.Statistics;
using ParquetEncoding = Floe.Parquet.Metadata.Encoding;

namespace Floe.Parquet.Writing.Pages;

/// <summary>
/// Writes one leaf column of the current row group: cuts the striped values into pages at record boundaries
/// (by page size and row limit), encodes levels and values, compresses, and keeps the encoded pages until the row
/// group is flushed. Dictionary encoding is tried first and dropped for PLAIN when the dictionary outgrows its
/// limit or, on the first page, does not make the page smaller.
/// </summary>
internal sealed class ColumnChunkWriter : IDisposable
{
    // Records taken per step before the page size is checked again.
    private const int RecordStep = 1024;

    private readonly LeafColumn _leaf;
    private readonly ParquetWriterOptions _options;
    private readonly ICompressor _compressor;
    private readonly ParquetEncoding _fallbackEncoding;
    private readonly ColumnDictionary? _dictionary;
    private readonly LevelBuffer _definitions = new();
    private readonly LevelBuffer _repetitions = new();
    private readonly PendingValues _values = new();
    private readonly PooledBuffer _pages = new(64 * 1024);
    private readonly PageScratch _scratch;
    private readonly PooledBuffer _levelBytes;
    private readonly PooledBuffer _valueBytes;
    private readonly PooledBuffer _body;
    private readonly PooledBuffer _compressed;
    private readonly PooledBuffer _dictionaryPage = new(1024);
    private readonly Dictionary<(PageType, ParquetEncoding), int> _encodingStats = [];
    private LeafStripe? _stripe;
    private int _levelPosition;
    private int _valuePosition;
    private int _pageLevels;
    private int _pageRecords;
    private bool _dictionaryActive;
    private bool _dictionaryUsed;
    private int _dataPages;
    private long _chunkValues;
    private long _chunkUncompressed;
    private long _chunkPresent;
    private long _dictionaryIndexBytes;
    private long _dictionaryPlainBytes;
    private long _dictionaryPageUncompressed;
    private bool _sealed;

    /// <summary>A writer of <paramref name="leaf"/> that builds its pages in <paramref name="scratch"/>, shared with the file's other columns.</summary>
    public ColumnChunkWriter(LeafColumn leaf, ParquetWriterOptions options, ICompressor compressor, PageScratch scratch)
    {
        _scratch = scratch;
        _levelBytes = scratch.LevelBytes;
        _valueBytes = scratch.ValueBytes;
        _body = scratch.Body;
        _compressed = scratch.Compressed;
        _leaf = leaf;
        _options = options;
        _compressor = compressor;
        ColumnEncoding requested = options.ColumnEncodings.TryGetValue(leaf.DottedPath, out ColumnEncoding byPath)
            ? byPath
            : leaf.Path.Count == 1 && options.ColumnEncodings.TryGetValue(leaf.Field.Name, out ColumnEncoding byName) ? byName : ColumnEncoding.Default;
        _fallbackEncoding = requested switch
        {
            ColumnEncoding.DeltaBinaryPacked => ParquetEncoding.DeltaBinaryPacked,
            ColumnEncoding.DeltaLengthByteArray => ParquetEncoding.DeltaLengthByteArray,
            ColumnEncoding.DeltaByteArray => ParquetEncoding.DeltaByteArray,
            ColumnEncoding.ByteStreamSplit => ParquetEncoding.ByteStreamSplit,
            _ when leaf.ValueKind == ValueKind.Boolean && options.DataPageVersion == DataPageVersion.V2 => ParquetEncoding.Rle,
            _ => ParquetEncoding.Plain,
        };
        if (!ValueEncoder.Supports(_fallbackEncoding, leaf.ValueKind))
        {
            throw new ParquetException(
                Common.Errors.FloeErrorKind.InvalidArgument,
                $"column {leaf.DottedPath} ({leaf.PhysicalType}) cannot use the {requested} encoding");
        }

        if (requested == ColumnEncoding.Default && options.EnableDictionary)
        {
            _dictionary = ColumnDictionary.TryCreate(leaf.ValueKind, leaf.TypeLength);
        }

        _dictionaryActive = _dictionary is not null;
        ChunkStatistics = StatisticsFactory.Create(leaf.ValueKind);
        FileStatistics = StatisticsFactory.Create(leaf.ValueKind);
    }

    public LeafColumn Leaf => _leaf;

    /// <summary>The buffers this column builds its pages in.</summary>
    public PageScratch Scratch => _scratch;

    /// <summary>Statistics of the chunk being written.</summary>
    public StatisticsAccumulator ChunkStatistics { get; }

    /// <summary>Statistics of every chunk written so far, merged.</summary>
    public StatisticsAccumulator FileStatistics { get; }

    /// <summary>Compressed bytes of every finished chunk of this column (pages and headers).</summary>
    public long FileCompressedSize { get; private set; }

    /// <summary>Level entries (values and nulls) of every finished chunk.</summary>
    public long FileValueCount { get; private set; }

    /// <summary>Bytes the chunk would take if flushed now (encoded pages, the dictionary and the open page).</summary>
    public long EstimatedSize => _pages.WrittenCount + (_dictionaryUsed || _dictionaryActive ? _dictionary!.EncodedSize : 0) + EstimatedPageSize;

    private long EstimatedPageSize =>
        _values.Bytes.WrittenCount + (_leaf.ValueKind == ValueKind.ByteArray ? 4L * _values.Count : 0) + (_pageLevels / 4);

    /// <summary>Starts feeding from a newly striped batch.</summary>
    public void Begin(LeafStripe stripe)
    {
        _stripe = stripe;
        _levelPosition = 0;
        _valuePosition = 0;
    }

    /// <summary>Takes the next <paramref name="records"/> records of the current stripe.</summary>
    public void AppendRecords(int records)
    {
        LeafStripe stripe = _stripe ?? throw new InvalidOperationException("Begin must be called first");
        while (records > 0)
        {
            int take = Math.Min(Math.Min(records, _options.PageRowLimit - _pageRecords), RecordStep);
            int levelEnd = LevelEndAfter(stripe, take);
            int levels = levelEnd - _levelPosition;
            int values = levels;
            if (_leaf.MaxDefinitionLevel > 0)
            {
                ReadOnlySpan<int> definitions = stripe.DefinitionLevels.Slice(_levelPosition, levels);
                _definitions.Append(definitions);
                values = definitions.Count(_leaf.MaxDefinitionLevel);
            }

            if (_leaf.MaxRepetitionLevel > 0)
            {
                _repetitions.Append(stripe.RepetitionLevels.Slice(_levelPosition, levels));
            }

            ValueGatherer.Append(stripe, _valuePosition, values, _leaf.ValueKind, _leaf.TypeLength, _values);
            _levelPosition = levelEnd;
            _valuePosition += values;
            _pageLevels += levels;
            _pageRecords += take;
            records -= take;
            if (_pageRecords >= _options.PageRowLimit || EstimatedPageSize >= _options.PageSizeBytes)
            {
                FlushPage(lastOfChunk: false);
            }
        }
    }

    /// <summary>
    /// Encodes the open page and the dictionary page of the chunk (the work that does not depend on where the chunk
    /// lands in the file, so columns can do it at once); <see cref="FinishChunk"/> does it if not done.
    /// </summary>
    public void Seal()
    {
        if (_sealed)
        {
            return;
        }

        _sealed = true;
        FlushPage(lastOfChunk: true);
        _dictionaryPage.Clear();
        _dictionaryPageUncompressed = 0;
        if (_dictionaryUsed)
        {
            _body.Clear();
            int count = _dictionary!.Count;
            _dictionary.Encode(_body);
            _compressed.Clear();
            _compressor.Compress(_body.WrittenSpan, _compressed);
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                UncompressedPageSize = _body.WrittenCount,
                CompressedPageSize = _compressed.WrittenCount,
                Crc = _options.WritePageChecksums ? PageChecksum.Compute(_compressed.WrittenSpan) : null,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = count, Encoding = ParquetEncoding.Plain },
            };
            header.Write(new ThriftCompactWriter(_dictionaryPage));
            _dictionaryPageUncompressed = _dictionaryPage.WrittenCount + _body.WrittenCount;
            _dictionaryPage.Write(_compressed.WrittenSpan);
            Count(PageType.DictionaryPage, ParquetEncoding.Plain);
        }
    }

    /// <summary>
    /// Closes the chunk: encodes the open page and the dictionary page, writes nothing yet. The chunk's bytes are
    /// <paramref name="dictionaryPage"/> then <paramref name="dataPages"/>, to be written at <paramref name="offset"/>.
    /// </summary>
    public ColumnChunk FinishChunk(long offset, out ReadOnlyMemory<byte> dictionaryPage, out ReadOnlyMemory<byte> dataPages)
    {
        Seal();
        long uncompressed = _chunkUncompressed + _dictionaryPageUncompressed;

        long compressed = _dictionaryPage.WrittenCount + _pages.WrittenCount;
        var metadata = new ColumnMetaData
        {
            Type = _leaf.PhysicalType,
            Encodings = Encodings(),
            PathInSchema = [.. _leaf.Path],
            Codec = _compressor.Codec,
            NumValues = _chunkValues,
            TotalUncompressedSize = uncompressed,
            TotalCompressedSize = compressed,
            DataPageOffset = offset + _dictionaryPage.WrittenCount,
            DictionaryPageOffset = _dictionaryUsed ? offset : null,
            EncodingStats = [.. _encodingStats.OrderBy(s => s.Key).Select(s => new PageEncodingStats(s.Key.Item1, s.Key.Item2, s.Value))],
        };
        ChunkStatistics.NullCount = _chunkValues - _chunkPresent;
        LastChunkUncompressedSize = uncompressed;
        if (_options.WriteStatistics)
        {
            metadata.Statistics = StatisticsFactory.ToThrift(ChunkStatistics, _leaf, _options.MaxStatisticsSize);
        }

        dictionaryPage = _dictionaryPage.WrittenMemory;
        dataPages = _pages.WrittenMemory;
        FileCompressedSize += compressed;
        FileValueCount += _chunkValues;
        FileStatistics.MergeFrom(ChunkStatistics);
        return new ColumnChunk { FileOffset = offset, MetaData = metadata };
    }

    /// <summary>Uncompressed size of the finished chunk (for the row group's total_byte_size).</summary>
    public long LastChunkUncompressedSize { get; private set; }

    /// <summary>Forgets the finished chunk's pages once they are written.</summary>
    public void ResetChunk()
    {
        _sealed = false;
        _dictionaryPageUncompressed = 0;
        _pages.Clear();
        _dictionaryPage.Clear();
        _encodingStats.Clear();
        _dictionary?.Clear();
        _dictionaryActive = _dictionary is not null;
        _dictionaryUsed = false;
        _dataPages = 0;
        _chunkValues = 0;
        _chunkUncompressed = 0;
        _chunkPresent = 0;
        _dictionaryIndexBytes = 0;
        _dictionaryPlainBytes = 0;
        ChunkStatistics.Reset();
    }

    public void Dispose()
    {
        _definitions.Dispose();
        _repetitions.Dispose();
        _values.Dispose();
        _pages.Dispose();
        _dictionaryPage.Dispose();
        _dictionary?.Dispose();
    }

    private int LevelEndAfter(LeafStripe stripe, int records)
    {
        if (_leaf.MaxRepetitionLevel == 0)
        {
            return _levelPosition + records;
        }

        ReadOnlySpan<int> repetitions = stripe.RepetitionLevels;
        int position = _levelPosition;
        int end = stripe.LevelCount;

        // The entry at the current position starts a record; a record runs until the next repetition level 0.
        for (int seen = 0; seen < records; seen++)
        {
            position++;
            int next = repetitions[position..end].IndexOf(0);
            position = next < 0 ? end : position + next;
        }

        return position;
    }

    private void FlushPage(bool lastOfChunk)
    {
        if (_pageLevels == 0)
        {
            return;
        }

        int valueCount = _values.Count;
        bool v2 = _options.DataPageVersion == DataPageVersion.V2;
        _levelBytes.Clear();
        int repetitionLength = 0;
        int definitionLength = 0;
        if (_leaf.MaxRepetitionLevel > 0)
        {
            repetitionLength = EncodeLevels(_repetitions.Levels, _leaf.MaxRepetitionLevel, prefixed: !v2);
        }

        if (_leaf.MaxDefinitionLevel > 0)
        {
            definitionLength = EncodeLevels(_definitions.Levels, _leaf.MaxDefinitionLevel, prefixed: !v2);
        }

        // v1 pages compress levels and values together, so the values follow the levels in one buffer; v2 pages
        // keep the levels uncompressed in front of the compressed values.
        PooledBuffer body = v2 ? _valueBytes : _levelBytes;
        _valueBytes.Clear();
        int dictionaryBefore = _dictionaryActive ? _dictionary!.Count : 0;
        ParquetEncoding encoding = EncodeValues(body, body.WrittenCount, lastOfChunk);
        if (encoding == ParquetEncoding.RleDictionary && _dictionary!.KeepsByteStrings)
        {
            _dictionary.UpdateStatistics((ByteArrayStatistics)ChunkStatistics, dictionaryBefore);
        }
        else
        {
            StatisticsFactory.Update(ChunkStatistics, _leaf.ValueKind, _values, _leaf.TypeLength);
        }

        ReadOnlySpan<byte> prefix = v2 ? _levelBytes.WrittenSpan : default;
        ReadOnlySpan<byte> compressed = body.WrittenSpan;
        if (_compressor.Codec != CompressionCodec.Uncompressed)
        {
            _compressed.Clear();
            _compressor.Compress(body.WrittenSpan, _compressed);
            compressed = _compressed.WrittenSpan;
        }

        int uncompressedSize = prefix.Length + body.WrittenCount;
        var header = new PageHeader
        {
            Type = v2 ? PageType.DataPageV2 : PageType.DataPage,
            UncompressedPageSize = uncompressedSize,
            CompressedPageSize = prefix.Length + compressed.Length,
            Crc = _options.WritePageChecksums ? PageChecksum.Compute(prefix, compressed) : null,
        };
        if (v2)
        {
            header.DataPageHeaderV2 = new DataPageHeaderV2
            {
                NumValues = _pageLevels,
                NumNulls = _pageLevels - valueCount,
                NumRows = _pageRecords,
                Encoding = encoding,
                DefinitionLevelsByteLength = definitionLength,
                RepetitionLevelsByteLength = repetitionLength,
                IsCompressed = _compressor.Codec != CompressionCodec.Uncompressed,
            };
        }
        else
        {
            header.DataPageHeader = new DataPageHeader
            {
                NumValues = _pageLevels,
                Encoding = encoding,
                DefinitionLevelEncoding = ParquetEncoding.Rle,
                RepetitionLevelEncoding = ParquetEncoding.Rle,
            };
        }

        int headerStart = _pages.WrittenCount;
        header.Write(new ThriftCompactWriter(_pages));
        int headerLength = _pages.WrittenCount - headerStart;
        _pages.Write(prefix);
        _pages.Write(compressed);
        _chunkUncompressed += headerLength + uncompressedSize;
        _chunkValues += _pageLevels;
        _chunkPresent += valueCount;
        _dataPages++;
        Count(header.Type, encoding);

        _definitions.Clear();
        _repetitions.Clear();
        _values.Clear();
        _pageLevels = 0;
        _pageRecords = 0;
    }

    /// <summary>Appends the open page's values to <paramref name="output"/> (from <paramref name="start"/>) and returns the encoding used.</summary>
    private ParquetEncoding EncodeValues(PooledBuffer output, int start, bool lastOfChunk)
    {
        if (_dictionaryActive && _dataPages == 0 && !_dictionaryUsed && lastOfChunk && NearlyDistinct())
        {
            // The chunk's only page (a small file): its sample says the dictionary cannot pay off, so the page goes
            // PLAIN without hashing every value first.
            _dictionary!.Clear();
            _dictionaryActive = false;
        }

        if (_dictionaryActive)
        {
            ColumnDictionary dictionary = _dictionary!;
            Span<int> indices = _scratch.Indices(_values.Count);
            dictionary.Map(_values, indices);
            RleBitPackedHybrid.EncodeDictionaryIndices(indices, dictionary.Count, output);
            long plainSize = EstimatedPageSize - (_pageLevels / 4);
            if (_dataPages == 0 && !_dictionaryUsed && dictionary.EncodedSize + (output.WrittenCount - start) >= plainSize)
            {
                // The dictionary does not pay off on the first page: forget it and write this chunk PLAIN.
                dictionary.Clear();
                _dictionaryActive = false;
                output.Truncate(start);
            }
            else
            {
                _dictionaryUsed = true;
                _dictionaryIndexBytes += output.WrittenCount - start;
                _dictionaryPlainBytes += plainSize;

                // Later pages go PLAIN once the dictionary outgrows its limit or stops paying off overall.
                if (dictionary.EncodedSize > _options.DictionaryPageSizeLimit
                    || dictionary.EncodedSize + _dictionaryIndexBytes >= _dictionaryPlainBytes)
                {
                    _dictionaryActive = false;
                }

                return ParquetEncoding.RleDictionary;
            }
        }

        ValueEncoder.Encode(_values, _leaf.ValueKind, _leaf.TypeLength, _fallbackEncoding, output);
        return _fallbackEncoding;
    }

    /// <summary>True when the open page holds enough values to judge by a sample, and its sample hardly repeats.</summary>
    private bool NearlyDistinct()
    {
        if (_values.Count < 2 * DictionarySample.Size)
        {
            return false;
        }

        int distinct = _dictionary!.CountDistinct(_values, DictionarySample.Size, _scratch.Indices(DictionarySample.Size));
        return DictionarySample.HardlyRepeats(DictionarySample.Size, distinct);
    }

    private int EncodeLevels(ReadOnlySpan<int> levels, int maxLevel, bool prefixed)
    {
        int bitWidth = BitPacking.BitWidth((uint)maxLevel);
        return prefixed
            ? RleBitPackedHybrid.EncodeLengthPrefixed(levels, bitWidth, _levelBytes)
            : RleBitPackedHybrid.Encode(levels, bitWidth, _levelBytes);
    }

    private void Count(PageType type, ParquetEncoding encoding)
    {
        _encodingStats[(type, encoding)] = _encodingStats.GetValueOrDefault((type, encoding)) + 1;
    }

    private List<ParquetEncoding> Encodings()
    {
        var encodings = new SortedSet<ParquetEncoding>(_encodingStats.Keys.Select(k => k.Item2));
        if (_leaf.MaxDefinitionLevel > 0 || _leaf.MaxRepetitionLevel > 0)
        {
            encodings.Add(ParquetEncoding.Rle);
        }

        return [.. encodings];
    }
}
