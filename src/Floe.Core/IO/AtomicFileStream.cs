using Floe.Common.Errors;

namespace Floe.Core.IO;

/// <summary>
/// Writes to a hidden temporary file beside the target and moves it into place on dispose: readers never see a
/// partial file. Without overwrite the move refuses to replace an existing file, so of two concurrent creators only
/// one succeeds. <see cref="Abort"/> discards the temporary file instead.
/// </summary>
public sealed class AtomicFileStream : Stream
{
    private const string TempSuffix = ".floe-tmp";

    private readonly string _location;
    private readonly string _target;
    private readonly string _temp;
    private readonly bool _overwrite;
    private readonly FileStream _inner;
    private bool _done;
    private bool _deferDiskFlush;

    private AtomicFileStream(string location, string target, string temp, bool overwrite, FileStream inner)
    {
        _location = location;
        _target = target;
        _temp = temp;
        _overwrite = overwrite;
        _inner = inner;
    }

    internal static AtomicFileStream Open(string location, string target, bool overwrite)
    {
        string folder = Path.GetDirectoryName(target) ?? ".";
        string temp = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + TempSuffix);
        try
        {
            Directory.CreateDirectory(folder);
            // Shared for reading: a file put in place before its flush to disk ends (DeferDiskFlush) must stay readable.
            var inner = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024, useAsync: true);
            return new AtomicFileStream(location, target, temp, overwrite, inner);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new FloeException(FloeErrorKind.Environment, $"Cannot create '{location}': {error.Message}", error);
        }
    }

    internal static bool IsTemporary(string path) =>
        path.EndsWith(TempSuffix, StringComparison.Ordinal) && Path.GetFileName(path).StartsWith('.');

    internal static FloeException AlreadyExists(string location) => new(FloeErrorKind.AlreadyExists, $"File '{location}' already exists.");

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_done;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Completes once the file is on disk: at once for a file not yet disposed or disposed the usual way, after the
    /// background flush for one disposed after <see cref="DeferDiskFlush"/>. Faults when that flush fails.
    /// </summary>
    public Task Durable { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Makes the asynchronous dispose put the file in place without waiting for the disk, flushing it in the
    /// background (<see cref="Durable"/>). For files nothing references until a commit that first awaits
    /// <see cref="Durable"/>: the writer goes on while the disk catches up.
    /// </summary>
    public void DeferDiskFlush() => _deferDiskFlush = true;

    /// <summary>Discards what was written; the target is left untouched.</summary>
    public void Abort()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _inner.Dispose();
        File.Delete(_temp);
    }

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_done)
        {
            _done = true;
            try
            {
                _inner.Flush(flushToDisk: true);
            }
            finally
            {
                _inner.Dispose();
            }

            Commit();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_done && _deferDiskFlush)
        {
            _done = true;
            try
            {
                await _inner.FlushAsync().ConfigureAwait(false);
                Commit();
            }
            catch
            {
                await _inner.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            Durable = FlushToDiskThenCloseAsync();
        }

        if (!_done)
        {
            _done = true;
            try
            {
                await DiskFlush.FlushAsync(_inner, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await _inner.DisposeAsync().ConfigureAwait(false);
            }

            Commit();
        }

        await base.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private async Task FlushToDiskThenCloseAsync()
    {
        try
        {
            await DiskFlush.FlushAsync(_inner, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new FloeException(FloeErrorKind.Environment, $"Cannot flush '{_location}' to disk: {error.Message}", error);
        }
        finally
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Commit()
    {
        bool created;
        try
        {
            if (_overwrite)
            {
                File.Move(_temp, _target, overwrite: true);
                return;
            }

            // File.Move without overwrite checks and then renames, so two racing creators could both win; a link cannot.
            created = AtomicCreate.TryLink(_temp, _target);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            File.Delete(_temp);
            throw new FloeException(FloeErrorKind.Environment, $"Cannot write '{_location}': {error.Message}", error);
        }

        File.Delete(_temp);
        if (!created)
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"File '{_location}' already exists.");
        }
    }
}
