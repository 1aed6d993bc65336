using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Values;
using Floe.PrimaryKeys.Model;
using Floe.Table.Data.Writing;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Writes the files of one (partition, node, kind) of one transaction, named as <see cref="PrimaryKeyFileName"/> says and
/// rolled at the target file size. Finished files reach the disk in the background; the commit waits for
/// <see cref="WhenOnDiskAsync"/> before its metadata can name them.
/// </summary>
internal sealed class ChangeFileWriter : IAsyncDisposable
{
    private readonly IFileIO _io;
    private readonly DataWriterConfig _config;
    private readonly string _folder;
    private readonly PartitionData _partition;
    private readonly PrimaryKeyFileName _name;
    private readonly List<DataFile> _completed = [];
    private readonly List<Task> _diskFlushes = [];
    private DataFileWriter? _current;
    private Stream? _stream;
    private int _count;

    public ChangeFileWriter(IFileIO io, DataWriterConfig config, string dataPath, PartitionData partition, PrimaryKeyFileName name)
    {
        _io = io;
        _config = config;
        _partition = partition;
        _name = name;
        _folder = config.Spec.Fields.Count == 0 ? dataPath : $"{dataPath}/{config.Spec.PartitionPath(partition)}";
    }

    public IReadOnlyList<DataFile> CompletedFiles => _completed;

    /// <summary>Writes every row of <paramref name="batch"/>.</summary>
    public ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken) => WriteAsync(batch, null, cancellationToken);

    /// <summary>Writes the rows of <paramref name="batch"/> that <paramref name="rows"/> lists, in that order; all of them when null.</summary>
    public async ValueTask WriteAsync(ColumnBatch batch, ReadOnlyMemory<int>? rows, CancellationToken cancellationToken)
    {
        if (_current is null)
        {
            string location = $"{_folder}/{(_name with { Count = ++_count }).Format()}";
            _stream = await _io.NewOutputFile(location).CreateAsync(cancellationToken).ConfigureAwait(false);
            (_stream as AtomicFileStream)?.DeferDiskFlush();
            _current = new DataFileWriter(_stream, location, _config, _partition);
        }

        if (rows is { } selection)
        {
            await _current.WriteAsync(batch, selection, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _current.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        if (_current.EstimatedLength >= _config.TargetFileSizeBytes)
        {
            await RollAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<DataFile>> CloseAsync(CancellationToken cancellationToken)
    {
        await RollAsync(cancellationToken).ConfigureAwait(false);
        return _completed;
    }

    /// <summary>Completes once every finished file is on disk; throws when a flush failed.</summary>
    public Task WhenOnDiskAsync() => Task.WhenAll(_diskFlushes);

    /// <summary>Deletes every file written, finished or not.</summary>
    public async ValueTask AbortAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_diskFlushes).ConfigureAwait(false);
        }
        catch (Exception error) when (error is FloeException or IOException)
        {
            // The files are deleted next: whether they reached the disk no longer matters.
        }
        if (_current is not null)
        {
            string location = _current.Location;
            await DiscardCurrentAsync().ConfigureAwait(false);
            if (await _io.ExistsAsync(location, cancellationToken).ConfigureAwait(false))
            {
                await _io.DeleteAsync(location, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (DataFile file in _completed)
        {
            await _io.DeleteAsync(file.FilePath, cancellationToken).ConfigureAwait(false);
        }

        _completed.Clear();
    }

    public ValueTask DisposeAsync() => DiscardCurrentAsync();

    private async ValueTask DiscardCurrentAsync()
    {
        if (_current is null)
        {
            return;
        }

        (_stream as AtomicFileStream)?.Abort();
        await _current.DisposeAsync().ConfigureAwait(false);
        _current = null;
        _stream = null;
    }

    private async ValueTask RollAsync(CancellationToken cancellationToken)
    {
        if (_current is null)
        {
            return;
        }

        DataFileWriter writer = _current;
        var stream = _stream as AtomicFileStream;
        _current = null;
        _stream = null;
        try
        {
            _completed.Add(await writer.CloseAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            if (stream is not null)
            {
                _diskFlushes.Add(stream.Durable);
            }
        }
    }
}
