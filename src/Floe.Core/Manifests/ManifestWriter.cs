using System.Globalization;
using System.Text;
using Floe.Avro.Container;
using Floe.Avro.Schemas;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Core.Manifests;

/// <summary>
/// Writes a manifest (an Avro container of <c>manifest_entry</c> records) exactly as the Java library does, and
/// tracks what <see cref="ToManifestFile"/> reports to the manifest list: entry and row counts by status, the
/// smallest data sequence number and the partition field summaries.
/// </summary>
public sealed class ManifestWriter : IDisposable, IAsyncDisposable
{
    /// <summary>The sequence number of a manifest whose snapshot has none yet; the manifest list writer assigns it.</summary>
    public const long UnassignedSequenceNumber = -1;

    private readonly string _path;
    private readonly ManifestWriterOptions _options;
    private readonly CountingStream _output;
    private readonly AvroContainerWriter _writer;
    private readonly ManifestEntryEncoder _encoder;
    private readonly PartitionSummaryBuilder _summaries;
    private int _addedFiles, _existingFiles, _deletedFiles;
    private long _addedRows, _existingRows, _deletedRows;
    private long? _minSequenceNumber;
    private bool _closed;

    /// <param name="stream">Where the manifest goes; disposed with the writer unless <paramref name="leaveOpen"/>.</param>
    /// <param name="path">The manifest's location, reported in <see cref="ToManifestFile"/>.</param>
    /// <param name="options">Format version, schema, spec, content, snapshot id and codec.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open after closing.</param>
    public ManifestWriter(Stream stream, string path, ManifestWriterOptions options, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ManifestAvroSchemas.CheckVersion(options.FormatVersion);
        if (options.FormatVersion == 1 && options.Content != ManifestContent.Data)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "Format version 1 has no delete manifests.");
        }

        _path = path;
        _options = options;
        StructType partitionType = options.Spec.PartitionType(options.Schema);
        _encoder = new ManifestEntryEncoder(options.FormatVersion, partitionType);
        _summaries = new PartitionSummaryBuilder(partitionType);
        var schema = AvroSchema.Parse(ManifestAvroSchemas.EntrySchema(options.FormatVersion, partitionType));
        _output = new CountingStream(stream, leaveOpen);
        _writer = new AvroContainerWriter(_output, schema, new AvroContainerWriterOptions
        {
            Codec = options.Codec,
            Metadata = HeaderMetadata(options, partitionType),
        });
    }

    /// <summary>Creates a new manifest file (failing if it exists) and a writer for it.</summary>
    public static async Task<ManifestWriter> CreateAsync(IO.OutputFile file, ManifestWriterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        Stream stream = await file.CreateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new ManifestWriter(stream, file.Location, options);
        }
        catch
        {
            (stream as IO.AtomicFileStream)?.Abort();
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The manifest's length in bytes once closed.</summary>
    public long Length => _closed ? _output.BytesWritten : throw new InvalidOperationException("The manifest is still open.");

    /// <summary>Adds a new file: sequence numbers stay null so they are inherited from the manifest list.</summary>
    public void Add(ContentFile file) => Write(ManifestEntry.Added(file, _options.SnapshotId));

    /// <summary>Adds a new file with an explicit data sequence number (rewrites keeping the original ordering).</summary>
    public void Add(ContentFile file, long dataSequenceNumber) => Write(ManifestEntry.Added(file, _options.SnapshotId, dataSequenceNumber));

    /// <summary>Carries a file over from an earlier manifest with its original ids.</summary>
    public void Existing(ContentFile file, long snapshotId, long dataSequenceNumber, long? fileSequenceNumber) =>
        Write(ManifestEntry.Existing(file, snapshotId, dataSequenceNumber, fileSequenceNumber));

    /// <summary>Records the removal of a file by this manifest's snapshot.</summary>
    public void Delete(ContentFile file, long dataSequenceNumber, long? fileSequenceNumber) =>
        Write(ManifestEntry.Deleted(
            file,
            _options.SnapshotId ?? throw new FloeException(FloeErrorKind.InvalidArgument, "Deleting a file needs the writer's snapshot id."),
            dataSequenceNumber,
            fileSequenceNumber));

    /// <summary>Writes an entry as given.</summary>
    public void Write(ManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ObjectDisposedException.ThrowIf(_closed, this);
        CheckContent(entry.File);
        if (entry.Status != EntryStatus.Added && entry.DataSequenceNumber is null && _options.FormatVersion >= 2)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"{entry.Status} entry for {entry.File.FilePath} needs an explicit data sequence number.");
        }

        _writer.Append(entry, _encoder);
        _summaries.Update(entry.File.Partition);
        switch (entry.Status)
        {
            case EntryStatus.Added:
                _addedFiles++;
                _addedRows += entry.File.RecordCount;
                break;
            case EntryStatus.Existing:
                _existingFiles++;
                _existingRows += entry.File.RecordCount;
                break;
            default:
                _deletedFiles++;
                _deletedRows += entry.File.RecordCount;
                break;
        }

        if (entry.IsLive && entry.DataSequenceNumber is long sequence && (_minSequenceNumber is null || sequence < _minSequenceNumber))
        {
            _minSequenceNumber = sequence;
        }
    }

    /// <summary>Finishes the file (idempotent).</summary>
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

    /// <summary>
    /// The manifest list entry for this manifest (closing it first). Its sequence numbers are
    /// <see cref="UnassignedSequenceNumber"/> where the entries left them to the snapshot.
    /// </summary>
    public ManifestFile ToManifestFile()
    {
        Close();
        return new ManifestFile
        {
            Path = _path,
            Length = _output.BytesWritten,
            PartitionSpecId = _options.Spec.SpecId,
            Content = _options.Content,
            SequenceNumber = UnassignedSequenceNumber,
            MinSequenceNumber = _minSequenceNumber ?? UnassignedSequenceNumber,
            AddedSnapshotId = _options.SnapshotId ?? UnassignedSequenceNumber,
            AddedFilesCount = _addedFiles,
            ExistingFilesCount = _existingFiles,
            DeletedFilesCount = _deletedFiles,
            AddedRowsCount = _addedRows,
            ExistingRowsCount = _existingRows,
            DeletedRowsCount = _deletedRows,
            Partitions = _summaries.Build(),
        };
    }

    public void Dispose() => Close();

    public ValueTask DisposeAsync() => CloseAsync();

    private void CheckContent(ContentFile file)
    {
        bool isData = file.Content == FileContent.Data;
        if (isData != (_options.Content == ManifestContent.Data))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"A {_options.Content} manifest cannot hold {file.Content} file {file.FilePath}.");
        }
    }

    private static List<KeyValuePair<string, byte[]>> HeaderMetadata(ManifestWriterOptions options, StructType partitionType)
    {
        var metadata = new List<KeyValuePair<string, byte[]>>
        {
            Entry("schema", SchemaJson.ToJson(options.Schema)),
            Entry("schema-id", options.Schema.SchemaId.ToString(CultureInfo.InvariantCulture)),
            Entry("partition-spec", PartitionSpecJson.FieldsToJson(options.Spec)),
            Entry("partition-spec-id", options.Spec.SpecId.ToString(CultureInfo.InvariantCulture)),
            Entry("format-version", options.FormatVersion.ToString(CultureInfo.InvariantCulture)),
        };
        if (options.FormatVersion >= 2)
        {
            metadata.Add(Entry("content", options.Content == ManifestContent.Data ? "data" : "deletes"));
        }

        metadata.Add(Entry("iceberg.schema", SchemaJson.ToJson(ManifestIcebergSchemas.Entry(options.FormatVersion, partitionType))));
        return metadata;
    }

    private static KeyValuePair<string, byte[]> Entry(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));
}
