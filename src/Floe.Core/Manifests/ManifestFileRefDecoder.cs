using System.Buffers;
using System.Text.Unicode;
using Floe.Avro.Binary;
using Floe.Avro.Resolution;
using Floe.Avro.Schemas;
using static Floe.Core.Manifests.ManifestAvroSchemas;

namespace Floe.Core.Manifests;

/// <summary>
/// Decodes only the status, content, path, size and record count of <c>manifest_entry</c> records, through the same
/// plan resolved by field id as <see cref="ManifestEntryDecoder"/>; every other field (partition, metrics, bounds,
/// sequence numbers) is skipped undecoded. The path is transcoded into a reused buffer and becomes a string only when
/// the filter keeps the entry; a declined entry reads as null and allocates nothing.
/// </summary>
internal sealed class ManifestFileRefDecoder : IAvroDatumReader<ManifestFileRef?>
{
    private readonly AvroReadPlan _plan;
    private readonly ManifestPathFilter? _filter;
    private char[] _path = new char[256];

    public ManifestFileRefDecoder(RecordSchema writerSchema, ManifestPathFilter? filter)
    {
        _filter = filter;
        // Resolving the partition types checks them as the full decoder does, so both accept the same manifests.
        _ = ManifestEntryDecoder.PartitionType(writerSchema);
        _plan = AvroResolver.Resolve(writerSchema, EntryReaderSchema(ManifestEntryDecoder.FindPartitionRecord(writerSchema)));
    }

    public ManifestFileRef? Read(ref AvroBinaryReader reader)
    {
        int status = -1;
        bool hasFile = false;
        int content = 0;
        int pathLength = -1;
        bool hasFormat = false;
        long recordCount = -1;
        long fileSize = -1;
        foreach (AvroFieldStep entryStep in _plan.Steps)
        {
            if (entryStep.ReaderIndex == EntryField.Status)
            {
                status = entryStep.Plan!.ReadInt(ref reader);
                continue;
            }

            if (entryStep.ReaderIndex != EntryField.DataFile)
            {
                entryStep.Skip(ref reader);
                continue;
            }

            hasFile = true;
            foreach (AvroFieldStep step in entryStep.Plan!.Steps)
            {
                switch (step.ReaderIndex)
                {
                    case FileField.Content:
                        content = step.Plan!.ReadInt(ref reader);
                        break;
                    case FileField.FilePath:
                        pathLength = Transcode(step.Plan!.ReadBytes(ref reader), ref reader);
                        break;
                    case FileField.FileFormat:
                        if (!FileFormats.TryParse(step.Plan!.ReadBytes(ref reader), out _))
                        {
                            reader.Throw("data_file has an unknown file_format");
                        }

                        hasFormat = true;
                        break;
                    case FileField.RecordCount:
                        recordCount = step.Plan!.ReadLong(ref reader);
                        break;
                    case FileField.FileSizeInBytes:
                        fileSize = step.Plan!.ReadLong(ref reader);
                        break;
                    default:
                        step.Skip(ref reader);
                        break;
                }
            }
        }

        if (status is < 0 or > 2)
        {
            reader.Throw($"manifest entry status {status} is not 0 (existing), 1 (added) or 2 (deleted)");
        }

        if (!hasFile || pathLength < 0 || !hasFormat)
        {
            reader.Throw("manifest entry has no data_file or its data_file lacks file_path or file_format");
        }

        ReadOnlySpan<char> path = _path.AsSpan(0, pathLength);
        if (recordCount < 0 || fileSize < 0)
        {
            reader.Throw($"data_file {path} has a negative record count or size");
        }

        if (content is < 0 or > 2)
        {
            reader.Throw($"data_file {path} has content {content}, not 0 (data), 1 (position deletes) or 2 (equality deletes)");
        }

        if (_filter is not null && !_filter((EntryStatus)status, (FileContent)content, path))
        {
            return null;
        }

        return new ManifestFileRef((EntryStatus)status, (FileContent)content, new string(path), fileSize, recordCount);
    }

    /// <summary>Strict UTF-8 to UTF-16 into the reused buffer (a UTF-16 path is never longer in chars than in bytes).</summary>
    private int Transcode(scoped ReadOnlySpan<byte> utf8, ref AvroBinaryReader reader)
    {
        if (_path.Length < utf8.Length)
        {
            _path = new char[Math.Max(utf8.Length, _path.Length * 2)];
        }

        if (Utf8.ToUtf16(utf8, _path, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            reader.Throw("data_file file_path is not valid UTF-8");
        }

        return written;
    }
}
