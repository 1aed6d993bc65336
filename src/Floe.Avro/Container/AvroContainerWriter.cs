using System.Security.Cryptography;
using System.Text;
using Floe.Avro.Binary;
using Floe.Avro.Codecs;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Container;

/// <summary>
/// Writes an Avro object container file to a stream: the header, then records gathered into blocks that are
/// compressed and written once they reach <see cref="AvroContainerWriterOptions.BlockSize"/>. Dispose (or
/// <see cref="DisposeAsync"/>) writes the last block.
/// </summary>
public sealed class AvroContainerWriter : IDisposable, IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly AvroContainerWriterOptions _options;
    private readonly AvroBufferWriter _records = new(64 * 1024);
    private readonly AvroBufferWriter _output = new(64 * 1024);
    private readonly AvroBufferWriter _compressed = new(64 * 1024);
    private readonly GenericDatumWriter _generic;
    private readonly byte[] _sync;
    private long _blockCount;
    private bool _headerWritten;
    private bool _disposed;

    public AvroContainerWriter(Stream stream, AvroSchema schema, AvroContainerWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _stream = stream;
        _options = options ?? new AvroContainerWriterOptions();
        if (_options.BlockSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "BlockSize must be positive");
        }

        Schema = schema;
        _generic = new GenericDatumWriter(schema);
        _sync = _options.SyncMarker ?? RandomNumberGenerator.GetBytes(AvroContainerFormat.SyncSize);
        if (_sync.Length != AvroContainerFormat.SyncSize)
        {
            throw new ArgumentException("the sync marker must be 16 bytes", nameof(options));
        }

        foreach (KeyValuePair<string, byte[]> entry in _options.Metadata)
        {
            if (entry.Key is AvroContainerFormat.SchemaKey or AvroContainerFormat.CodecKey)
            {
                throw new ArgumentException($"metadata may not set '{entry.Key}'; the writer sets it", nameof(options));
            }
        }
    }

    public AvroSchema Schema { get; }

    public AvroCodec Codec => _options.Codec;

    /// <summary>Records appended so far.</summary>
    public long RecordCount { get; private set; }

    /// <summary>Records waiting in the current block.</summary>
    public long PendingRecords => _blockCount;

    /// <summary>Appends a generic datum (see <see cref="AvroDatum"/>).</summary>
    public void Append(object? datum) => Append(datum, _generic);

    /// <summary>Appends <paramref name="value"/> encoded by <paramref name="writer"/>; writes a block when it is full.</summary>
    public void Append<T>(T value, IAvroDatumWriter<T> writer)
    {
        if (AppendCore(value, writer))
        {
            WriteBlock();
        }
    }

    /// <summary>Appends <paramref name="value"/>; when the block is full writes it asynchronously.</summary>
    public ValueTask AppendAsync<T>(T value, IAvroDatumWriter<T> writer, CancellationToken cancellationToken = default) =>
        AppendCore(value, writer) ? WriteBlockAsync(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Appends a generic datum; when the block is full writes it asynchronously.</summary>
    public ValueTask AppendAsync(object? datum, CancellationToken cancellationToken = default) => AppendAsync(datum, _generic, cancellationToken);

    /// <summary>Writes the current block (if any) and flushes the stream.</summary>
    public void Flush()
    {
        WriteBlock();
        _stream.Flush();
    }

    /// <summary>Writes the current block (if any) and flushes the stream.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        await WriteBlockAsync(cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool AppendCore<T>(T value, IAvroDatumWriter<T> writer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int before = _records.Length;
        try
        {
            writer.Write(_records, value);
        }
        catch
        {
            // A value that failed half-way must not leave partial bytes in the block.
            _records.Truncate(before);
            throw;
        }

        _blockCount++;
        RecordCount++;
        return _records.Length >= _options.BlockSize;
    }

    private void WriteBlock()
    {
        if (PrepareOutput())
        {
            _stream.Write(_output.WrittenSpan);
            _output.Clear();
        }
    }

    private async ValueTask WriteBlockAsync(CancellationToken cancellationToken)
    {
        if (PrepareOutput())
        {
            await _stream.WriteAsync(_output.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _output.Clear();
        }
    }

    /// <summary>Puts the header (first time) and the pending block into <see cref="_output"/>; false when there is nothing to write.</summary>
    private bool PrepareOutput()
    {
        if (!_headerWritten)
        {
            var metadata = new List<KeyValuePair<string, byte[]>>
            {
                new(AvroContainerFormat.SchemaKey, Encoding.UTF8.GetBytes(Schema.ToJson())),
                new(AvroContainerFormat.CodecKey, Encoding.UTF8.GetBytes(_options.Codec.Name)),
            };
            metadata.AddRange(_options.Metadata);
            AvroHeaderCodec.Write(_output, metadata, _sync);
            _headerWritten = true;
        }

        if (_blockCount > 0)
        {
            _output.WriteLong(_blockCount);
            ReadOnlySpan<byte> payload = _records.WrittenSpan;
            if (_options.Codec is not NullCodec)
            {
                _compressed.Clear();
                _options.Codec.Compress(payload, _compressed);
                payload = _compressed.WrittenSpan;
            }

            _output.WriteLong(payload.Length);
            _output.WriteFixed(payload);
            _output.WriteFixed(_sync);
            _records.Clear();
            _blockCount = 0;
        }

        return _output.Length > 0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            _records.Dispose();
            _output.Dispose();
            _compressed.Dispose();
            if (!_options.LeaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            _records.Dispose();
            _output.Dispose();
            _compressed.Dispose();
            if (!_options.LeaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
