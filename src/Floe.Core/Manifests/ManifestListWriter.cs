using System.Globalization;
using System.Text;
using Floe.Avro.Codecs;
using Floe.Avro.Container;
using Floe.Avro.Schemas;
using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Core.Manifests;

/// <summary>
/// Writes a snapshot's manifest list (an Avro container of <c>manifest_file</c> records) as the Java library does,
/// with header keys <c>snapshot-id</c>, <c>parent-snapshot-id</c>, <c>sequence-number</c> (v2) and
/// <c>format-version</c>. Manifests whose sequence numbers are unassigned get the snapshot's.
/// </summary>
public sealed class ManifestListWriter : IDisposable, IAsyncDisposable
{
    private readonly int _formatVersion;
    private readonly long _sequenceNumber;
    private readonly long _snapshotId;
    private readonly CountingStream _output;
    private readonly AvroContainerWriter _writer;
    private readonly ManifestFileEncoder _encoder;
    private bool _closed;

    /// <param name="stream">Where the list goes; disposed with the writer unless <paramref name="leaveOpen"/>.</param>
    /// <param name="formatVersion">1 or 2.</param>
    /// <param name="snapshotId">The snapshot the list belongs to.</param>
    /// <param name="parentSnapshotId">Its parent, if any.</param>
    /// <param name="sequenceNumber">The snapshot's sequence number (ignored for version 1).</param>
    /// <param name="codec">The Avro codec; deflate when null.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open after closing.</param>
    public ManifestListWriter(Stream stream, int formatVersion, long snapshotId, long? parentSnapshotId, long sequenceNumber,
        AvroCodec? codec = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ManifestAvroSchemas.CheckVersion(formatVersion);
        _formatVersion = formatVersion;
        _snapshotId = snapshotId;
        _sequenceNumber = formatVersion >= 2 ? sequenceNumber : 0;
        _encoder = new ManifestFileEncoder(formatVersion);
        var metadata = new List<KeyValuePair<string, byte[]>>
        {
            Entry("snapshot-id", Text(snapshotId)),
            Entry("parent-snapshot-id", parentSnapshotId is long parent ? Text(parent) : "null"),
        };
        if (formatVersion >= 2)
        {
            metadata.Add(Entry("sequence-number", Text(sequenceNumber)));
        }

        metadata.Add(Entry("format-version", Text(formatVersion)));
        metadata.Add(Entry("iceberg.schema", Schemas.SchemaJson.ToJson(ManifestIcebergSchemas.List(formatVersion))));
        _output = new CountingStream(stream, leaveOpen);
        _writer = new AvroContainerWriter(_output, AvroSchema.Parse(ManifestAvroSchemas.ListSchema(formatVersion)), new AvroContainerWriterOptions
        {
            Codec = codec ?? AvroCodecs.Deflate,
            Metadata = metadata,
        });
    }

    /// <summary>Creates a new manifest list file (failing if it exists) and a writer for it.</summary>
    public static async Task<ManifestListWriter> CreateAsync(IO.OutputFile file, int formatVersion, long snapshotId, long? parentSnapshotId,
        long sequenceNumber, AvroCodec? codec = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        Stream stream = await file.CreateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new ManifestListWriter(stream, formatVersion, snapshotId, parentSnapshotId, sequenceNumber, codec);
        }
        catch
        {
            (stream as IO.AtomicFileStream)?.Abort();
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The list's length in bytes once closed.</summary>
    public long Length => _closed ? _output.BytesWritten : throw new InvalidOperationException("The manifest list is still open.");

    /// <summary>Appends a manifest, assigning this snapshot's sequence number where the manifest has none yet.</summary>
    public void Add(ManifestFile manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ObjectDisposedException.ThrowIf(_closed, this);
        _writer.Append(Assign(manifest), _encoder);
    }

    public void AddAll(IEnumerable<ManifestFile> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        foreach (ManifestFile manifest in manifests)
        {
            Add(manifest);
        }
    }

    public void Close()
    {
        if (!_closed)
        {
            _writer.Dispose();
            _output.Dispose();
            _closed = true;
        }
    }

    public async ValueTask CloseAsync()
    {
        if (!_closed)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _output.DisposeAsync().ConfigureAwait(false);
            _closed = true;
        }
    }

    public void Dispose() => Close();

    public ValueTask DisposeAsync() => CloseAsync();

    private ManifestFile Assign(ManifestFile manifest)
    {
        bool unassignedSnapshot = manifest.AddedSnapshotId == ManifestWriter.UnassignedSequenceNumber;
        bool unassignedSequence = _formatVersion >= 2 &&
            (manifest.SequenceNumber == ManifestWriter.UnassignedSequenceNumber || manifest.MinSequenceNumber == ManifestWriter.UnassignedSequenceNumber);
        if (!unassignedSnapshot && !unassignedSequence)
        {
            return manifest;
        }

        if (_formatVersion >= 2 && manifest.SequenceNumber == ManifestWriter.UnassignedSequenceNumber && !unassignedSnapshot && manifest.AddedSnapshotId != _snapshotId)
        {
            // Only this snapshot's own new manifests may take its sequence number.
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Manifest {manifest.Path} of snapshot {manifest.AddedSnapshotId} has no sequence number; only snapshot {_snapshotId}'s new manifests may leave it unassigned.");
        }

        return new ManifestFile
        {
            Path = manifest.Path,
            Length = manifest.Length,
            PartitionSpecId = manifest.PartitionSpecId,
            Content = manifest.Content,
            SequenceNumber = manifest.SequenceNumber == ManifestWriter.UnassignedSequenceNumber ? _sequenceNumber : manifest.SequenceNumber,
            MinSequenceNumber = manifest.MinSequenceNumber == ManifestWriter.UnassignedSequenceNumber ? _sequenceNumber : manifest.MinSequenceNumber,
            AddedSnapshotId = unassignedSnapshot ? _snapshotId : manifest.AddedSnapshotId,
            AddedFilesCount = manifest.AddedFilesCount,
            ExistingFilesCount = manifest.ExistingFilesCount,
            DeletedFilesCount = manifest.DeletedFilesCount,
            AddedRowsCount = manifest.AddedRowsCount,
            ExistingRowsCount = manifest.ExistingRowsCount,
            DeletedRowsCount = manifest.DeletedRowsCount,
            Partitions = manifest.Partitions,
            KeyMetadata = manifest.KeyMetadata,
            FirstRowId = manifest.FirstRowId,
        };
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static KeyValuePair<string, byte[]> Entry(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));
}
