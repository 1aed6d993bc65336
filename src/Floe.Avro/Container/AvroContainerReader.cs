using System.Buffers;
using System.Runtime.CompilerServices;
using Floe.Avro.Binary;
using Floe.Avro.Codecs;
using Floe.Avro.Generic;
using Floe.Avro.Schema;

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
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _offset;
    private long _blockIndex;
    private int _minRecordSize;
    private bool _disposed;

    private AvroContainerReader(Stream stream, AvroContainerReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _options = options ?? new AvroContainerReaderOptions();
        _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
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
                reader.Fill(want);
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
                await reader.FillAsync(want, cancellationToken).ConfigureAwait(false);
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
        ReadOnlySpan<byte> available = _buffer.AsSpan(_start, _end - _start);
        if (available.Length < 4 || !available[..4].SequenceEqual(AvroContainerFormat.Magic))
        {
            // Reports bad magic or a file shorter than the magic.
            AvroHeaderCodec.Read(available);
        }

        try
        {
            Header = AvroHeaderCodec.Read(available);
        }
        catch (AvroException) when (!_eof && available.Length < _options.MaxHeaderSize)
        {
            want = (int)Math.Min(_options.MaxHeaderSize, Math.Max(64 * 1024, (long)available.Length * 2));
            return false;
        }
        catch (AvroException ex) when (!_eof)
        {
            throw new AvroException($"the container header is larger than the limit of {_options.MaxHeaderSize} bytes or invalid: {ex.Message}", ex);
        }

        Consume(Header.Length);
        _minRecordSize = AvroEncodedSize.Min(Header.Schema);
        return true;
    }

    /// <summary>Reads the next block; false at the end of the file.</summary>
    public bool TryReadBlock(out AvroContainerBlock block)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Fill(BlockHeaderMax);
        if (!BeginBlock(out long count, out int size, out long blockOffset))
        {
            block = default;
            return false;
        }

        int fromBuffer = TakeBuffered(size);
        while (fromBuffer < size)
        {
            Span<byte> target = _compressed.GetSpan(Math.Min(size - fromBuffer, ChunkSize));
            int read = _stream.Read(target[..Math.Min(target.Length, size - fromBuffer)]);
            if (read == 0)
            {
                throw Truncated(blockOffset, size, fromBuffer);
            }

            _compressed.Advance(read);
            fromBuffer += read;
            _offset += read;
        }

        Fill(AvroContainerFormat.SyncSize);
        block = EndBlock(count, blockOffset);
        return true;
    }

    /// <summary>Reads the next block asynchronously; null at the end of the file.</summary>
    public async ValueTask<AvroContainerBlock?> ReadBlockAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await FillAsync(BlockHeaderMax, cancellationToken).ConfigureAwait(false);
        if (!BeginBlock(out long count, out int size, out long blockOffset))
        {
            return null;
        }

        int fromBuffer = TakeBuffered(size);
        while (fromBuffer < size)
        {
            Memory<byte> target = _compressed.GetMemory(Math.Min(size - fromBuffer, ChunkSize));
            int read = await _stream.ReadAsync(target[..Math.Min(target.Length, size - fromBuffer)], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw Truncated(blockOffset, size, fromBuffer);
            }

            _compressed.Advance(read);
            fromBuffer += read;
            _offset += read;
        }

        await FillAsync(AvroContainerFormat.SyncSize, cancellationToken).ConfigureAwait(false);
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
        blockOffset = _offset;
        count = 0;
        size = 0;
        if (_end == _start)
        {
            return false;
        }

        var reader = new AvroBinaryReader(_buffer.AsSpan(_start, _end - _start), _offset);
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
        Consume(reader.Position);
        _compressed.Clear();
        return true;
    }

    /// <summary>Moves up to <paramref name="size"/> buffered bytes into the compressed-block buffer.</summary>
    private int TakeBuffered(int size)
    {
        int take = Math.Min(size, _end - _start);
        _compressed.WriteFixed(_buffer.AsSpan(_start, take));
        Consume(take);
        return take;
    }

    private AvroContainerBlock EndBlock(long count, long blockOffset)
    {
        long index = _blockIndex;
        if (_end - _start < AvroContainerFormat.SyncSize)
        {
            throw new AvroException($"block {index} (file offset {blockOffset}): the file ends before the block's sync marker");
        }

        if (!_buffer.AsSpan(_start, AvroContainerFormat.SyncSize).SequenceEqual(Header.SyncMarker.Span))
        {
            throw new AvroException($"block {index} (file offset {blockOffset}): bad sync marker at file offset {_offset}");
        }

        Consume(AvroContainerFormat.SyncSize);
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

    private void Consume(int count)
    {
        _start += count;
        _offset += count;
    }

    /// <summary>Buffers at least <paramref name="count"/> bytes, or all that remain.</summary>
    private void Fill(int count)
    {
        PrepareFill(count);
        while (_end - _start < count && !_eof)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    private async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        PrepareFill(count);
        while (_end - _start < count && !_eof)
        {
            int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    /// <summary>Compacts the buffer and grows it so that <paramref name="count"/> bytes fit.</summary>
    private void PrepareFill(int count)
    {
        if (_end - _start >= count)
        {
            return;
        }

        if (_buffer.Length - _start < count)
        {
            byte[] target = count > _buffer.Length ? ArrayPool<byte>.Shared.Rent(count) : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            if (!ReferenceEquals(target, _buffer))
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = target;
            }

            _end -= _start;
            _start = 0;
        }
    }

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
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
