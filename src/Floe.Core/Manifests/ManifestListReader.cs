using System.Globalization;
using Floe.Avro.Container;
using Floe.Common.Errors;

namespace Floe.Core.Manifests;

/// <summary>
/// Reads a manifest list of any version, old field names included (fields resolve by id). The format version comes
/// from the schema, not the optional header key: a <c>content</c> field (id 517) means version 2 or later.
/// </summary>
public sealed class ManifestListReader : IDisposable, IAsyncDisposable
{
    private readonly AvroContainerReader _container;
    private readonly ManifestFileDecoder _decoder;

    private ManifestListReader(AvroContainerReader container)
    {
        _container = container;
        AvroContainerHeader header = container.Header;
        if (header.Schema is not Avro.Schemas.RecordSchema schema)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"A manifest list's schema must be a record, not {header.Schema.DisplayName}.");
        }

        FormatVersion = schema.Fields.Any(f => f.FieldId == 517) ? 2 : 1;
        SnapshotId = ParseLong(header.GetMetadataString("snapshot-id"), "snapshot-id");
        ParentSnapshotId = ParseLong(header.GetMetadataString("parent-snapshot-id"), "parent-snapshot-id");
        SequenceNumber = ParseLong(header.GetMetadataString("sequence-number"), "sequence-number");
        _decoder = new ManifestFileDecoder(schema);
    }

    /// <summary>1 or 2, inferred from the schema.</summary>
    public int FormatVersion { get; }

    public long? SnapshotId { get; }

    public long? ParentSnapshotId { get; }

    public long? SequenceNumber { get; }

    public static ManifestListReader Open(Stream stream) => new(AvroContainerReader.Open(stream));

    public static async Task<ManifestListReader> OpenAsync(Stream stream, CancellationToken cancellationToken = default) =>
        new(await AvroContainerReader.OpenAsync(stream, null, cancellationToken).ConfigureAwait(false));

    /// <summary>Reads every manifest of a list.</summary>
    public static List<ManifestFile> ReadAll(Stream stream)
    {
        using ManifestListReader reader = Open(stream);
        return [.. reader.Manifests()];
    }

    /// <summary>Reads every manifest of a list.</summary>
    public static async Task<List<ManifestFile>> ReadAllAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ManifestListReader reader = await OpenAsync(stream, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var manifests = new List<ManifestFile>();
            await foreach (ManifestFile manifest in reader._container.ReadAsync(reader._decoder, cancellationToken).ConfigureAwait(false))
            {
                manifests.Add(manifest);
            }

            return manifests;
        }
    }

    /// <summary>Reads every manifest of a stored list; errors name the file.</summary>
    public static Task<List<ManifestFile>> ReadAllAsync(IO.InputFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return FileErrors.ReadingAsync("Manifest list", file.Location, async () =>
        {
            Stream stream = await file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        });
    }

    public IEnumerable<ManifestFile> Manifests() => _container.Read(_decoder);

    public void Dispose() => _container.Dispose();

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    private static long? ParseLong(string? text, string key) =>
        text is null or "null" ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value
        : throw new FloeException(FloeErrorKind.InvalidData, $"Manifest list header '{key}' is '{text}', not an integer.");
}
