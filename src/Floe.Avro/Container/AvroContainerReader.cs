using System.Runtime.CompilerServices;
using Floe.Avro.Binary;
using Floe.Avro.Codecs;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Container;

/// <summary>
/// Reads an Avro object container file from a stream, one block at a time: only the current block is in memory.
/// Open with <see cref="Open(Stream, AvroContainerReaderOptions?)"/> or <see cref="OpenAsync"/>, then read records
/// with <see cref="Read{T}"/> / <see cref="ReadAsync{T}"/> (or generic datums with <see cref="ReadGeneric"/>), or
/// blocks with <see cref="TryReadBlock"/> / <see cref="ReadBlockAsync"/>. Corrupt data raises an
/// <see cref="AvroException"/> naming the block and the byte offset.
/// </summary>
public sealed class AvroContainerReader : IDisposable, IAsyncDisposable
{
    private const int BlockHeaderMax = 20;
    private const int ChunkSize = 1 << 20;
    private readonly Stream _stream;
    private readonly AvroContainerReaderOptions _options;
    private readonly AvroBufferWriter _compressed = new(64 * 1024);
    private readonly AvroBufferWriter _decompressed = new(64 * 1024);
    private readonly StreamReadBuffer _window;
    private long _blockIndex;
    private int _minRecordSize;
    private bool _disposed;

    private AvroContainerReader(Stream stream, AvroContainerReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _options = options ?? new AvroContainerReaderOptions();
        _window = new StreamReadBuffer(stream, 64 * 1024);
        Header = null!;
    }

    /// <summary>The file's header (writer schema, codec, metadata).</summary>
    public AvroContainerHeader Header { get; private set; }

    /// <summary>The writer's schema.</summary>
    public AvroSchema Schema => Header.Schema;

    /// <summary>Blocks read so far.</summary>
    public long BlocksRead => _blockIndex;

    /// <summary>Opens a container file on <paramref name="stream"/> and reads its header.</summary>
    /// <exception cref="AvroException">The header is missing, truncated or invalid.</exception>
    public static AvroContainerReader Open(Stream stream, AvroContainerReaderOptions? options = null)
    {
        var reader = new AvroContainerReader(stream, options);
        try
        {
            int want = 4;
            while (true)
            {
                reader._window.Fill(want);
                if (reader.TryParseHeader(ref want))
                {
                    return reader;
                }
            }
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Opens the container file at <paramref name="path"/>.</summary>
    public static AvroContainerReader Open(string path, AvroContainerReaderOptions? options = null) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan),
            (options ?? new AvroContainerReaderOptions()) with { LeaveOpen = false });

    /// <summary>Opens a container file on <paramref name="stream"/> and reads its header asynchronously.</summary>
    public static async Task<AvroContainerReader> OpenAsync(Stream stream, AvroContainerReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reader = new AvroContainerReader(stream, options);
        try
        {
            int want = 4;
            while (true)
            {
                await reader._window.FillAsync(want, cancellationToken).ConfigureAwait(false);
                if (reader.TryParseHeader(ref want))
                {
                    return reader;
                }
            }
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Parses the header once enough bytes are buffered; otherwise asks for more in <paramref name="want"/>.</summary>
    private bool TryParseHeader(ref int want)
    {
        ReadOnlySpan<byte> available = _window.Available;
        if (available.Length < 4 || !available[..4].SequenceEqual(AvroContainerFormat.Magic))
        {
            // Reports bad magic or a file shorter than the magic.
            AvroHeaderCodec.Read(available);
        }

        try
        {
            Header = AvroHeaderCodec.Read(available);
        }
        catch (AvroException) when (!_window.EndOfStream && available.Length < _options.MaxHeaderSize)
        {
            want = (int)Math.Min(_options.MaxHeaderSize, Math.Max(64 * 1024, (long)available.Length * 2));
            return false;
        }
        catch (AvroException ex) when (!_window.EndOfStream)
        {
            throw new AvroException($"the container header is larger than the limit of {_options.MaxHeaderSize} bytes or invalid: {ex.Message}", ex);
        }

        _window.Consume(Header.Length);
        _minRecordSize = AvroEncodedSize.Min(Header.Schema);
        return true;
    }

    /// <summary>Reads the next block; false at the end of the file.</summary>
    public bool TryReadBlock(out AvroContainerBlock block)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _window.Fill(BlockHeaderMax);
        if (!BeginBlock(out long count, out int size, out long blockOffset))
        {
            block = default;
            return false;
        }

        // The body grows the buffer only as bytes arrive, so a lying size cannot allocate more than the file holds.
        int got = _window.MoveTo(_compressed, size);
        while (got < size)
        {
            Span<byte> target = _compressed.GetSpan(Math.Min(size - got, ChunkSize));
            int read = _window.ReadDirect(target[..Math.Min(target.Length, size - got)]);
            if (read == 0)
            {
                throw Truncated(blockOffset, size, got);
            }

            _compressed.Advance(read);
            got += read;
        }

        _window.Fill(AvroContainerFormat.SyncSize);
        block = EndBlock(count, blockOffset);
        return true;
    }

    /// <summary>Reads the next block asynchronously; null at the end of the file.</summary>
    public async ValueTask<AvroContainerBlock?> ReadBlockAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _window.FillAsync(BlockHeaderMax, cancellationToken).ConfigureAwait(false);
        if (!BeginBlock(out long count, out int size, out long blockOffset))
        {
            return null;
        }

        int got = _window.MoveTo(_compressed, size);
        while (got < size)
        {
            Memory<byte> target = _compressed.GetMemory(Math.Min(size - got, ChunkSize));
            int read = await _window.ReadDirectAsync(target[..Math.Min(target.Length, size - got)], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw Truncated(blockOffset, size, got);
            }

            _compressed.Advance(read);
            got += read;
        }

        await _window.FillAsync(AvroContainerFormat.SyncSize, cancellationToken).ConfigureAwait(false);
        return EndBlock(count, blockOffset);
    }

    /// <summary>Reads every record with <paramref name="datumReader"/>, block by block.</summary>
    public IEnumerable<T> Read<T>(IAvroDatumReader<T> datumReader)
    {
        while (TryReadBlock(out AvroContainerBlock block))
        {
            int position = 0;
            for (long i = 0; i < block.RecordCount; i++)
            {
                position = DecodeRecord(block, i, position, datumReader, out T value);
                yield return value;
            }

            CheckBlockEnd(block, position);
        }
    }

    /// <summary>Reads every record with <paramref name="datumReader"/>, block by block, asynchronously.</summary>
    public async IAsyncEnumerable<T> ReadAsync<T>(IAvroDatumReader<T> datumReader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadBlockAsync(cancellationToken).ConfigureAwait(false) is AvroContainerBlock block)
        {
            int position = 0;
            for (long i = 0; i < block.RecordCount; i++)
            {
                position = DecodeRecord(block, i, position, datumReader, out T value);
                yield return value;
            }

            CheckBlockEnd(block, position);
        }
    }

    /// <summary>Reads every record as a generic datum of <paramref name="readerSchema"/> (default: the writer's schema).</summary>
    public IEnumerable<object?> ReadGeneric(AvroSchema? readerSchema = null) => Read(new GenericDatumReader(Schema, readerSchema));

    /// <summary>Reads every record as a generic datum of <paramref name="readerSchema"/> (default: the writer's schema), asynchronously.</summary>
    public IAsyncEnumerable<object?> ReadGenericAsync(AvroSchema? readerSchema = null, CancellationToken cancellationToken = default) =>
        ReadAsync(new GenericDatumReader(Schema, readerSchema), cancellationToken);

    /// <summary>Decodes every record of <paramref name="block"/> into <paramref name="into"/>.</summary>
    public static void DecodeBlock<T>(AvroContainerBlock block, IAvroDatumReader<T> datumReader, ICollection<T> into)
    {
        int position = 0;
        for (long i = 0; i < block.RecordCount; i++)
        {
            position = DecodeRecord(block, i, position, datumReader, out T value);
            into.Add(value);
        }

        CheckBlockEnd(block, position);
    }

    private static int DecodeRecord<T>(AvroContainerBlock block, long index, int position, IAvroDatumReader<T> datumReader, out T value)
    {
        var reader = new AvroBinaryReader(block.Data.Span) { Position = position };
        try
        {
            value = datumReader.Read(ref reader);
        }
        catch (AvroException ex)
        {
            throw new AvroException($"block {block.Index} (file offset {block.FileOffset}), record {index}: {ex.Message} of the block's data", ex);
        }

        return reader.Position;
    }

    private static void CheckBlockEnd(AvroContainerBlock block, int position)
    {
        if (position != block.Data.Length)
        {
            throw new AvroException(
                $"block {block.Index} (file offset {block.FileOffset}): {block.Data.Length - position} bytes remain after its {block.RecordCount} records");
        }
    }

    /// <summary>Parses the block's count and size from the buffer; false at a clean end of file.</summary>
    private bool BeginBlock(out long count, out int size, out long blockOffset)
    {
        blockOffset = _window.Offset;
        count = 0;
        size = 0;
        if (_window.Available.IsEmpty)
        {
            return false;
        }

        var reader = new AvroBinaryReader(_window.Available, blockOffset);
        long rawSize;
        try
        {
            count = reader.ReadLong();
            rawSize = reader.ReadLong();
        }
        catch (AvroException ex)
        {
            throw new AvroException($"block {_blockIndex} (file offset {blockOffset}): bad block header: {ex.Message}", ex);
        }

        if (count < 0 || rawSize < 0 || rawSize > _options.MaxBlockSize)
        {
            throw new AvroException(
                $"block {_blockIndex} (file offset {blockOffset}): invalid record count {count} or size {rawSize} (limit {_options.MaxBlockSize} bytes)");
        }

        size = (int)rawSize;
        _window.Consume(reader.Position);
        _compressed.Clear();
        return true;
    }

    private AvroContainerBlock EndBlock(long count, long blockOffset)
    {
        long index = _blockIndex;
        ReadOnlySpan<byte> available = _window.Available;
        if (available.Length < AvroContainerFormat.SyncSize)
        {
            throw new AvroException($"block {index} (file offset {blockOffset}): the file ends before the block's sync marker");
        }

        if (!available[..AvroContainerFormat.SyncSize].SequenceEqual(Header.SyncMarker.Span))
        {
            throw new AvroException($"block {index} (file offset {blockOffset}): bad sync marker at file offset {_window.Offset}");
        }

        _window.Consume(AvroContainerFormat.SyncSize);
        ReadOnlyMemory<byte> data;
        AvroCodec codec = Header.Codec;
        if (codec is NullCodec)
        {
            data = _compressed.WrittenMemory;
        }
        else
        {
            _decompressed.Clear();
            try
            {
                codec.Decompress(_compressed.WrittenSpan, _decompressed, _options.MaxBlockSize);
            }
            catch (AvroException ex)
            {
                throw new AvroException($"block {index} (file offset {blockOffset}): {ex.Message}", ex);
            }

            data = _decompressed.WrittenMemory;
        }

        bool countFits = _minRecordSize == 0
            ? count <= AvroEncodedSize.MaxZeroSizeItemsPerBlock
            : count <= data.Length / _minRecordSize;
        if (!countFits)
        {
            throw new AvroException($"block {index} (file offset {blockOffset}): {count} records cannot fit in {data.Length} bytes");
        }

        _blockIndex++;
        return new AvroContainerBlock(index, blockOffset, count, data);
    }

    private AvroException Truncated(long blockOffset, int size, int got) =>
        new($"block {_blockIndex} (file offset {blockOffset}): the file ends after {got} of the block's {size} bytes");

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseBuffers();
        if (!_options.LeaveOpen)
        {
            _stream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseBuffers();
        if (!_options.LeaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ReleaseBuffers()
    {
        _compressed.Dispose();
        _decompressed.Dispose();
        _window.Dispose();
    }
}
