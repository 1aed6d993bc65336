using System.Globalization;
using System.Runtime.CompilerServices;
using Floe.Avro.Container;
using Floe.Avro.Schemas;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Manifests;

/// <summary>
/// Reads a manifest of any format version written by any Iceberg implementation. Fields resolve by field id; values
/// missing from the entries are inherited from <see cref="Manifest"/> (its added snapshot id, and its sequence number
/// for ADDED entries and for every entry of a version 1 manifest).
/// </summary>
public sealed class ManifestReader : IDisposable, IAsyncDisposable
{
    private readonly AvroContainerReader _container;
    private readonly ManifestEntryDecoder _decoder;

    private ManifestReader(AvroContainerReader container, ManifestFile? manifest, bool columnStats = true, Func<int, PartitionData, bool>? partitionFilter = null)
    {
        _container = container;
        Manifest = manifest;
        AvroContainerHeader header = container.Header;
        RecordSchema entrySchema = EntrySchema(header);

        SchemaJson = header.GetMetadataString("schema");
        PartitionSpecJson = header.GetMetadataString("partition-spec");
        PartitionSpecId = ParseInt(header.GetMetadataString("partition-spec-id"), "partition-spec-id") ?? manifest?.PartitionSpecId ?? 0;
        bool hasContentField = entrySchema.Fields.FirstOrDefault(f => f.FieldId == 2)?.Schema is RecordSchema file
            && file.Fields.Any(f => f.FieldId == 134);
        (int? formatVersion, ManifestContent? content) = CheckedHeader(header);
        FormatVersion = formatVersion ?? (hasContentField ? 2 : 1);
        Content = content ?? manifest?.Content ?? ManifestContent.Data;
        PartitionType = ManifestEntryDecoder.PartitionType(entrySchema);
        _decoder = new ManifestEntryDecoder(entrySchema, PartitionSpecId, manifest, columnStats, partitionFilter);
    }

    /// <summary>The manifest list entry the values are inherited from, if one was given.</summary>
    public ManifestFile? Manifest { get; }

    /// <summary>From the header, or inferred from the schema (a <c>content</c> field means version 2 or later).</summary>
    public int FormatVersion { get; }

    public int PartitionSpecId { get; }

    public ManifestContent Content { get; }

    /// <summary>The table schema JSON from the header, if present.</summary>
    public string? SchemaJson { get; }

    /// <summary>The partition fields JSON array from the header, if present.</summary>
    public string? PartitionSpecJson { get; }

    /// <summary>The partition struct as stored (field ids, names and types of the <c>r102</c> record).</summary>
    public StructType PartitionType { get; }

    public static ManifestReader Open(Stream stream, ManifestFile? manifest = null) =>
        new(AvroContainerReader.Open(stream), manifest);

    public static async Task<ManifestReader> OpenAsync(Stream stream, ManifestFile? manifest = null, CancellationToken cancellationToken = default) =>
        new(await AvroContainerReader.OpenAsync(stream, null, cancellationToken).ConfigureAwait(false), manifest);

    /// <summary>Reads every entry of a manifest.</summary>
    public static List<ManifestEntry> ReadAll(Stream stream, ManifestFile? manifest = null)
    {
        using ManifestReader reader = Open(stream, manifest);
        return [.. reader.Entries()];
    }

    /// <summary>Reads every entry of a manifest.</summary>
    public static async Task<List<ManifestEntry>> ReadAllAsync(Stream stream, ManifestFile? manifest = null, CancellationToken cancellationToken = default)
    {
        ManifestReader reader = await OpenAsync(stream, manifest, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var entries = new List<ManifestEntry>();
            await foreach (ManifestEntry entry in reader.EntriesAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(entry);
            }

            return entries;
        }
    }

    /// <summary>Reads every entry of a stored manifest; errors name the file.</summary>
    public static async Task<List<ManifestEntry>> ReadAllAsync(IO.InputFile file, ManifestFile? manifest = null, CancellationToken cancellationToken = default)
    {
        var entries = new List<ManifestEntry>();
        await foreach (ManifestEntry entry in ReadEntriesAsync(file, manifest, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Streams the entries of a stored manifest, one block in memory at a time; errors name the file.</summary>
    public static IAsyncEnumerable<ManifestEntry> ReadEntriesAsync(IO.InputFile file, ManifestFile? manifest = null, CancellationToken cancellationToken = default) =>
        ReadEntriesAsync(file, manifest, columnStats: true, cancellationToken);

    /// <summary>
    /// Streams the entries of a stored manifest; with <paramref name="columnStats"/> false the files come without
    /// column sizes, counts, bounds and split offsets, which are skipped undecoded (for readers that only need paths,
    /// partitions, sizes and record counts).
    /// </summary>
    public static IAsyncEnumerable<ManifestEntry> ReadEntriesAsync(IO.InputFile file, ManifestFile? manifest, bool columnStats, CancellationToken cancellationToken) =>
        ReadEntriesAsync(file, manifest, columnStats, partitionFilter: null, cancellationToken);

    /// <summary>
    /// Streams the entries of a stored manifest whose partition <paramref name="partitionFilter"/> (given the spec id
    /// and the partition) accepts; the others are skipped undecoded past their partition, so entries a reader does not
    /// keep cost no path string, file or entry object.
    /// </summary>
    public static IAsyncEnumerable<ManifestEntry> ReadEntriesAsync(
        IO.InputFile file, ManifestFile? manifest, bool columnStats, Func<int, PartitionData, bool>? partitionFilter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return FileErrors.ReadingAsync("Manifest", file.Location, StreamEntriesAsync(file, manifest, columnStats, partitionFilter, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<ManifestEntry> StreamEntriesAsync(
        IO.InputFile file,
        ManifestFile? manifest,
        bool columnStats,
        Func<int, PartitionData, bool>? partitionFilter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Stream stream = await file.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            ManifestReader reader = new(
                await AvroContainerReader.OpenAsync(stream, null, cancellationToken).ConfigureAwait(false), manifest, columnStats, partitionFilter);
            await using (reader.ConfigureAwait(false))
            {
                await foreach (ManifestEntry entry in reader.EntriesAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>
    /// Streams the status, content kind, path, size and record count of a stored manifest's entries, skipping every
    /// other field undecoded; <paramref name="filter"/> sees each entry's path in a reused buffer and declines the
    /// entries not wanted, which then cost no string (for expiry and reachability scans over many manifests).
    /// </summary>
    public static IAsyncEnumerable<ManifestFileRef> ReadFileRefsAsync(IO.InputFile file, ManifestPathFilter? filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return FileErrors.ReadingAsync("Manifest", file.Location, StreamFileRefsAsync(file, filter, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<ManifestFileRef> StreamFileRefsAsync(
        IO.InputFile file, ManifestPathFilter? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Stream stream = await file.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            AvroContainerReader container = await AvroContainerReader.OpenAsync(stream, null, cancellationToken).ConfigureAwait(false);
            await using (container.ConfigureAwait(false))
            {
                // Refused as the full read refuses it, although the lean read needs neither value.
                _ = CheckedHeader(container.Header);
                var decoder = new ManifestFileRefDecoder(EntrySchema(container.Header), filter);
                await foreach (ManifestFileRef? entry in container.ReadAsync(decoder, cancellationToken).ConfigureAwait(false))
                {
                    if (entry is ManifestFileRef kept)
                    {
                        yield return kept;
                    }
                }
            }
        }
    }

    /// <summary>Every entry, in file order.</summary>
    public IEnumerable<ManifestEntry> Entries()
    {
        foreach (ManifestEntry? entry in _container.Read(_decoder))
        {
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Only ADDED and EXISTING entries.</summary>
    public IEnumerable<ManifestEntry> LiveEntries() => Entries().Where(e => e.IsLive);

    public async IAsyncEnumerable<ManifestEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (ManifestEntry? entry in _container.ReadAsync(_decoder, cancellationToken).ConfigureAwait(false))
        {
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    public void Dispose() => _container.Dispose();

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    private static RecordSchema EntrySchema(AvroContainerHeader header) => header.Schema as RecordSchema
        ?? throw new FloeException(FloeErrorKind.InvalidData, $"A manifest's schema must be a record, not {header.Schema.DisplayName}.");

    /// <summary>The header's format version and content where given, refused when they are not what the spec allows.</summary>
    private static (int? FormatVersion, ManifestContent? Content) CheckedHeader(AvroContainerHeader header) => (
        ParseInt(header.GetMetadataString("format-version"), "format-version"),
        header.GetMetadataString("content") switch
        {
            "deletes" => ManifestContent.Deletes,
            "data" => ManifestContent.Data,
            null => null,
            string other => throw new FloeException(FloeErrorKind.InvalidData, $"Manifest header content '{other}' is neither 'data' nor 'deletes'."),
        });

    private static int? ParseInt(string? text, string key) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
        : throw new FloeException(FloeErrorKind.InvalidData, $"Manifest header '{key}' is '{text}', not an integer.");
}
