using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Core.Tests.IO;

public sealed class LocalFileIOTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "floe-io-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Create_writes_on_dispose_and_reads_back()
    {
        var io = new LocalFileIO();
        string location = Path.Combine(_root, "a", "b", "file.bin");
        OutputFile output = io.NewOutputFile(location);

        Stream stream = await output.CreateAsync(TestContext.Current.CancellationToken);
        await stream.WriteAsync(new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken);
        Assert.False(File.Exists(location));
        await stream.DisposeAsync();

        InputFile input = output.ToInputFile();
        Assert.True(await input.ExistsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, await input.GetLengthAsync(TestContext.Current.CancellationToken));
        Assert.Equal([1, 2, 3], await input.ReadAllBytesAsync(TestContext.Current.CancellationToken));
        await using Stream read = await input.OpenAsync(TestContext.Current.CancellationToken);
        Assert.True(read.CanSeek);
        Assert.Equal([location], Directory.GetFiles(Path.GetDirectoryName(location)!));
    }

    [Fact]
    public async Task An_opened_file_is_an_unbuffered_file_stream_read_at_any_position()
    {
        string location = Path.Combine(_root, "read.bin");
        Directory.CreateDirectory(_root);
        byte[] content = new byte[100_000];
        new Random(5).NextBytes(content);
        await File.WriteAllBytesAsync(location, content, TestContext.Current.CancellationToken);
        InputFile input = new LocalFileIO().NewInputFile(location);

        // A FileStream, which the Parquet and Avro readers read positionally; without a buffer of its own, so opening,
        // reading a little and closing allocates far less than a 64 KiB buffer.
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (Stream small = await input.OpenAsync(TestContext.Current.CancellationToken))
        {
            Assert.IsType<FileStream>(small);
            Assert.Equal(content[0], small.ReadByte());
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024);

        Stream stream = await input.OpenAsync(TestContext.Current.CancellationToken);
        Assert.True(stream.CanRead && stream.CanSeek && !stream.CanWrite);
        Assert.Equal(content.Length, stream.Length);
        byte[] head = new byte[4096];
        await stream.ReadExactlyAsync(head, TestContext.Current.CancellationToken);
        Assert.Equal(content[..4096], head);
        Assert.Equal(4096, stream.Position);

        stream.Seek(-10, SeekOrigin.End);
        byte[] tail = new byte[64];
        Assert.Equal(10, stream.Read(tail, 0, tail.Length));
        Assert.Equal(content[^10..], tail[..10]);
        Assert.Equal(-1, stream.ReadByte());
        stream.Position = 50_000;
        Assert.Equal(content[50_000], stream.ReadByte());

        // The file can go while it is open (maintenance deletes files queries may still read).
        File.Delete(location);
        stream.Position = 0;
        await stream.ReadExactlyAsync(head, TestContext.Current.CancellationToken);
        Assert.Equal(content[..4096], head);
        await stream.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => stream.Read(head, 0, 1));
    }

    [Fact]
    public async Task Create_fails_if_exists_both_before_and_at_commit()
    {
        var io = new LocalFileIO();
        string location = Path.Combine(_root, "v1.metadata.json");
        Stream first = await io.NewOutputFile(location).CreateAsync(TestContext.Current.CancellationToken);
        Stream second = await io.NewOutputFile(location).CreateAsync(TestContext.Current.CancellationToken);
        first.WriteByte(1);
        second.WriteByte(2);

        await first.DisposeAsync();
        var lost = await Assert.ThrowsAsync<FloeException>(async () => await second.DisposeAsync());
        var early = await Assert.ThrowsAsync<FloeException>(async () => await io.NewOutputFile(location).CreateAsync(TestContext.Current.CancellationToken));

        Assert.Equal(FloeErrorKind.AlreadyExists, lost.Kind);
        Assert.Equal(FloeErrorKind.AlreadyExists, early.Kind);
        Assert.Equal([1], await File.ReadAllBytesAsync(location, TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFiles(_root));
    }

    [Fact]
    public async Task Create_with_deferred_disk_flush_is_in_place_at_dispose_durable_later_and_still_refuses_an_existing_target()
    {
        var io = new LocalFileIO();
        string location = Path.Combine(_root, "data", "f.parquet");
        var deferred = (AtomicFileStream)await io.NewOutputFile(location).CreateAsync(TestContext.Current.CancellationToken);
        deferred.DeferDiskFlush();
        await deferred.WriteAsync(new byte[100_000], TestContext.Current.CancellationToken);
        Assert.True(deferred.Durable.IsCompleted);
        await deferred.DisposeAsync();

        // In place with every byte as soon as the dispose returns; the flush to disk completes on its own.
        Assert.Equal(100_000, new FileInfo(location).Length);
        await deferred.Durable;
        Assert.Equal([location], Directory.GetFiles(Path.GetDirectoryName(location)!));

        var second = (AtomicFileStream)await io.NewOutputFile(Path.Combine(_root, "data", "g.parquet")).CreateAsync(TestContext.Current.CancellationToken);
        second.DeferDiskFlush();
        File.WriteAllBytes(Path.Combine(_root, "data", "g.parquet"), [9]);
        second.WriteByte(1);
        var lost = await Assert.ThrowsAsync<FloeException>(async () => await second.DisposeAsync());
        Assert.Equal(FloeErrorKind.AlreadyExists, lost.Kind);
        Assert.Equal([9], await File.ReadAllBytesAsync(Path.Combine(_root, "data", "g.parquet"), TestContext.Current.CancellationToken));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_root, "data")).Length);
    }

    [Fact]
    public async Task Create_racing_writers_exactly_one_wins_each_round()
    {
        var io = new LocalFileIO();
        CancellationToken ct = TestContext.Current.CancellationToken;
        for (int round = 0; round < 20; round++)
        {
            string location = Path.Combine(_root, "race", $"v{round}.json");
            Stream[] streams = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => io.NewOutputFile(location).CreateAsync(ct).AsTask()));
            for (int i = 0; i < streams.Length; i++)
            {
                await streams[i].WriteAsync(new[] { (byte)i }, ct);
            }

            Task[] commits = [.. streams.Select(stream => Task.Run(async () => await stream.DisposeAsync(), ct))];
            int won = 0;
            foreach (Task commit in commits)
            {
                try
                {
                    await commit;
                    won++;
                }
                catch (FloeException error) when (error.Kind == FloeErrorKind.AlreadyExists)
                {
                }
            }

            Assert.Equal(1, won);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(location)!, $"v{round}*"));
        }
    }

    [Fact]
    public async Task Create_or_overwrite_replaces_and_abort_leaves_target_alone()
    {
        var io = new LocalFileIO();
        string location = Path.Combine(_root, "version-hint.text");
        await File.WriteAllTextAsync(Directory.CreateDirectory(_root).FullName + "/version-hint.text", "1", TestContext.Current.CancellationToken);

        await using (Stream stream = await io.NewOutputFile(location).CreateOrOverwriteAsync(TestContext.Current.CancellationToken))
        {
            stream.WriteByte((byte)'2');
        }

        var aborted = (AtomicFileStream)await io.NewOutputFile(location).CreateOrOverwriteAsync(TestContext.Current.CancellationToken);
        aborted.WriteByte((byte)'3');
        aborted.Abort();
        await aborted.DisposeAsync();

        Assert.Equal("2", await File.ReadAllTextAsync(location, TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFiles(_root));
    }

    [Fact]
    public async Task Delete_exists_and_missing_files()
    {
        var io = new LocalFileIO();
        string location = Path.Combine(_root, "x.avro");
        Directory.CreateDirectory(_root);
        await File.WriteAllBytesAsync(location, [1], TestContext.Current.CancellationToken);

        Assert.True(await io.ExistsAsync(location, TestContext.Current.CancellationToken));
        await io.DeleteAsync(location, TestContext.Current.CancellationToken);
        await io.DeleteAsync(location, TestContext.Current.CancellationToken);
        await io.DeleteAsync(Path.Combine(_root, "no-such-folder", "y.parquet"), TestContext.Current.CancellationToken);
        Assert.False(await io.ExistsAsync(location, TestContext.Current.CancellationToken));
        var missing = await Assert.ThrowsAsync<FloeException>(async () => await io.NewInputFile(location).OpenAsync(TestContext.Current.CancellationToken));
        Assert.Equal(FloeErrorKind.NotFound, missing.Kind);
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(async () =>
            await io.NewInputFile(location).GetLengthAsync(TestContext.Current.CancellationToken))).Kind);
    }

    [Fact]
    public async Task List_prefix_returns_files_under_prefix_in_caller_form_skipping_temporary_files()
    {
        var mapper = new LocationMapper().Add("s3://bucket/wh", _root);
        var io = new LocalFileIO(mapper);
        foreach (string name in new[] { "t/metadata/v1.metadata.json", "t/data/a.parquet", "t/data/b.parquet", "u/data/c.parquet" })
        {
            await using Stream s = await io.NewOutputFile("s3://bucket/wh/" + name).CreateAsync(TestContext.Current.CancellationToken);
            s.WriteByte(7);
        }

        await using Stream pending = await io.NewOutputFile("s3://bucket/wh/t/data/pending.parquet").CreateAsync(TestContext.Current.CancellationToken);
        var listed = new List<FileEntry>();
        await foreach (FileEntry entry in io.ListPrefixAsync("s3://bucket/wh/t/", TestContext.Current.CancellationToken))
        {
            listed.Add(entry);
        }

        Assert.Equal(
            ["s3://bucket/wh/t/data/a.parquet", "s3://bucket/wh/t/data/b.parquet", "s3://bucket/wh/t/metadata/v1.metadata.json"],
            listed.Select(e => e.Location).Order(StringComparer.Ordinal));
        Assert.All(listed, e => Assert.Equal(1, e.Length));
        var partial = new List<FileEntry>();
        await foreach (FileEntry entry in io.ListPrefixAsync("s3://bucket/wh/t/data/a", TestContext.Current.CancellationToken))
        {
            partial.Add(entry);
        }

        Assert.Equal("s3://bucket/wh/t/data/a.parquet", Assert.Single(partial).Location);
    }

    [Fact]
    public void To_local_path_handles_file_uris_and_refuses_unmapped_remotes()
    {
        var io = new LocalFileIO();

        Assert.Equal("/tmp/x/y.avro", io.ToLocalPath("file:///tmp/x/y.avro"));
        Assert.Equal(FloeErrorKind.Unsupported, Assert.Throws<FloeException>(() => io.ToLocalPath("s3://bucket/key")).Kind);
    }
}
