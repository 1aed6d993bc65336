using System.Globalization;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

/// <summary>Data files and snapshot contents for producer tests (the data files themselves are never read).</summary>
internal static class TestFiles
{
    private static int s_counter;

    public static DataFile Data(long records = 10, long size = 1000) => new()
    {
        FilePath = string.Create(CultureInfo.InvariantCulture, $"/data/part-{Interlocked.Increment(ref s_counter)}.parquet"),
        Format = FileFormat.Parquet,
        RecordCount = records,
        FileSizeInBytes = size,
    };

    /// <summary>The live data file paths of the current snapshot, read through its manifest list and manifests.</summary>
    public static async Task<List<string>> LiveFilesAsync(IFileIO io, TableMetadata metadata)
    {
        var files = new List<string>();
        if (metadata.CurrentSnapshot?.ManifestList is not string list)
        {
            return files;
        }

        foreach (var manifest in await ManifestListAsync(io, list))
        {
            var stream = await io.NewInputFile(manifest.Path).OpenAsync(TestContext.Current.CancellationToken);
            await using (stream)
            {
                files.AddRange((await ManifestReader.ReadAllAsync(stream, manifest, TestContext.Current.CancellationToken)).Where(e => e.IsLive).Select(e => e.File.FilePath));
            }
        }

        return files;
    }

    public static async Task<List<ManifestFile>> ManifestListAsync(IFileIO io, string location)
    {
        var stream = await io.NewInputFile(location).OpenAsync(TestContext.Current.CancellationToken);
        await using (stream)
        {
            return await ManifestListReader.ReadAllAsync(stream, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<List<ManifestEntry>> EntriesAsync(IFileIO io, ManifestFile manifest)
    {
        var stream = await io.NewInputFile(manifest.Path).OpenAsync(TestContext.Current.CancellationToken);
        await using (stream)
        {
            return await ManifestReader.ReadAllAsync(stream, manifest, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Asserts that every manifest and manifest list in the metadata folder is reachable from some snapshot.</summary>
    public static async Task AssertNoOrphanMetadataAsync(IFileIO io, TableMetadata metadata)
    {
        var reachable = (await ReachableFiles.ListAsync(io, metadata, TestContext.Current.CancellationToken)).Select(Path.GetFileName).ToHashSet();
        Assert.All(MetadataFilesOtherThanVersions(metadata), name => Assert.Contains(name, reachable));
    }

    /// <summary>Files in the table's metadata folder other than vN.metadata.json and the hint.</summary>
    public static string[] MetadataFilesOtherThanVersions(TableMetadata metadata) =>
        [.. Directory.EnumerateFiles(Path.Combine(metadata.Location, "metadata"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.EndsWith(".metadata.json", StringComparison.Ordinal) && n != "version-hint.text")
            .Order(StringComparer.Ordinal)];
}

/// <summary>Table operations whose file IO is replaced (to inject failures) and whose commit can be made to fail.</summary>
internal sealed class RedirectedOperations(ITableOperations inner, IFileIO io) : ITableOperations
{
    public IFileIO Io => io;

    public TableMetadata Current => inner.Current;

    /// <summary>When set, the catalog swap throws this instead of happening.</summary>
    public Exception? FailCommitWith { get; set; }

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

    public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default) =>
        FailCommitWith is { } failure ? Task.FromException<TableMetadata>(failure) : inner.CommitAsync(baseMetadata, updated, cancellationToken);
}

/// <summary>File IO that throws at the Nth file creation (1-based); everything else goes to the wrapped IO.</summary>
internal sealed class FailingFileIO(IFileIO inner, int failAtCreate) : IFileIO
{
    private int _creates;

    public InputFile NewInputFile(string location) => inner.NewInputFile(location);

    public OutputFile NewOutputFile(string location) => new FailingOutputFile(this, inner.NewOutputFile(location));

    public ValueTask<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) => inner.ExistsAsync(location, cancellationToken);

    public ValueTask DeleteAsync(string location, CancellationToken cancellationToken = default) => inner.DeleteAsync(location, cancellationToken);

    public IAsyncEnumerable<FileEntry> ListPrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListPrefixAsync(prefix, cancellationToken);

    private void Count(string location)
    {
        if (Interlocked.Increment(ref _creates) == failAtCreate)
        {
            throw new IOException($"Injected failure creating {location}.");
        }
    }

    private sealed class FailingOutputFile(FailingFileIO owner, OutputFile inner) : OutputFile(inner.Location)
    {
        public override ValueTask<Stream> CreateAsync(CancellationToken cancellationToken = default)
        {
            owner.Count(Location);
            return inner.CreateAsync(cancellationToken);
        }

        public override ValueTask<Stream> CreateOrOverwriteAsync(CancellationToken cancellationToken = default)
        {
            owner.Count(Location);
            return inner.CreateOrOverwriteAsync(cancellationToken);
        }

        public override InputFile ToInputFile() => inner.ToInputFile();
    }
}
