using Floe.Core.IO;

namespace Floe.Core.Tests.IO;

public sealed class DiskFlushTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "floe-flush-" + Guid.NewGuid().ToString("N"));

    public DiskFlushTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Flush_writes_what_the_stream_buffered_for_many_files_at_once()
    {
        var streams = Enumerable.Range(0, 16)
            .Select(i => new FileStream(Path.Combine(_folder, $"f{i}"), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true))
            .ToList();
        for (int i = 0; i < streams.Count; i++)
        {
            await streams[i].WriteAsync(new byte[100 + i], TestContext.Current.CancellationToken);
        }

        await Task.WhenAll(streams.Select(s => DiskFlush.FlushAsync(s, TestContext.Current.CancellationToken)));
        for (int i = 0; i < streams.Count; i++)
        {
            // The write buffer was drained before the flush: the bytes are in the file while the stream is still open.
            Assert.Equal(100 + i, new FileInfo(Path.Combine(_folder, $"f{i}")).Length);
            await streams[i].DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failed_flush_reaches_the_caller_and_later_flushes_still_run()
    {
        var closed = new FileStream(Path.Combine(_folder, "closed"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
        await closed.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => DiskFlush.FlushAsync(closed, TestContext.Current.CancellationToken));

        await using var open = new FileStream(Path.Combine(_folder, "open"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
        await open.WriteAsync(new byte[3], TestContext.Current.CancellationToken);
        await DiskFlush.FlushAsync(open, TestContext.Current.CancellationToken);
        Assert.Equal(3, new FileInfo(Path.Combine(_folder, "open")).Length);
    }

    [Fact]
    public async Task A_cancelled_flush_is_not_queued()
    {
        await using var stream = new FileStream(Path.Combine(_folder, "c"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DiskFlush.FlushAsync(stream, new CancellationToken(canceled: true)));
    }
}
