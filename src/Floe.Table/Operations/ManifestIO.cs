using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;

namespace Floe.Table.Operations;

/// <summary>Reads and writes the manifests and manifest lists of one table through its <see cref="IFileIO"/>.</summary>
internal static class ManifestIO
{
    public static async Task<List<ManifestFile>> ReadManifestListAsync(IFileIO io, Snapshot? snapshot, CancellationToken cancellationToken)
    {
        if (snapshot?.ManifestList is not string location)
        {
            return [];
        }

        return await ManifestListReader.ReadAllAsync(io.NewInputFile(location), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every entry of a manifest, with spec ids set and inherited values filled in from the list entry.</summary>
    public static async Task<List<ManifestEntry>> ReadEntriesAsync(IFileIO io, ManifestFile manifest, CancellationToken cancellationToken)
    {
        return await ManifestReader.ReadAllAsync(io.NewInputFile(manifest.Path), manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one manifest of <paramref name="entries"/> (all of one spec and content) at a new location.</summary>
    public static async Task<ManifestFile> WriteManifestAsync(
        IFileIO io,
        string location,
        TableMetadata metadata,
        PartitionSpec spec,
        ManifestContent content,
        long snapshotId,
        IEnumerable<ManifestEntry> entries,
        CancellationToken cancellationToken,
        ICollection<Task>? onDisk = null)
    {
        ManifestFile manifest;
        var stream = await CreateAsync(io, location, onDisk is not null, cancellationToken).ConfigureAwait(false);
        var writer = new ManifestWriter(stream, location, new ManifestWriterOptions
        {
            FormatVersion = metadata.FormatVersion,
            Spec = spec,
            Schema = metadata.CurrentSchema,
            Content = content,
            SnapshotId = snapshotId,
        });
        await using (writer.ConfigureAwait(false))
        {
            foreach (var entry in entries)
            {
                writer.Write(entry);
            }

            await writer.CloseAsync().ConfigureAwait(false);
            manifest = writer.ToManifestFile();
        }

        AddDurable(stream, onDisk);
        return manifest;
    }

    public static async Task WriteManifestListAsync(
        IFileIO io,
        string location,
        TableMetadata metadata,
        long snapshotId,
        long? parentSnapshotId,
        long sequenceNumber,
        IEnumerable<ManifestFile> manifests,
        CancellationToken cancellationToken,
        ICollection<Task>? onDisk = null)
    {
        var stream = await CreateAsync(io, location, onDisk is not null, cancellationToken).ConfigureAwait(false);
        var writer = new ManifestListWriter(stream, metadata.FormatVersion, snapshotId, parentSnapshotId, sequenceNumber);
        await using (writer.ConfigureAwait(false))
        {
            writer.AddAll(manifests);
            await writer.CloseAsync().ConfigureAwait(false);
        }

        AddDurable(stream, onDisk);
    }

    /// <summary>A new file; with <paramref name="inBackground"/>, one put in place at close and flushed to disk after.</summary>
    private static async Task<Stream> CreateAsync(IFileIO io, string location, bool inBackground, CancellationToken cancellationToken)
    {
        var stream = await io.NewOutputFile(location).CreateAsync(cancellationToken).ConfigureAwait(false);
        if (inBackground)
        {
            (stream as AtomicFileStream)?.DeferDiskFlush();
        }

        return stream;
    }

    private static void AddDurable(Stream stream, ICollection<Task>? onDisk)
    {
        if (onDisk is not null && stream is AtomicFileStream atomic)
        {
            onDisk.Add(atomic.Durable);
        }
    }
}
