using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// Reads a Parquet file: validates the magic bytes and the footer, exposes the metadata and schema, and reads row
/// groups into <see cref="ColumnBatch"/>es with column projection and statistics-based row-group skipping. Column
/// chunks are read whole into pooled buffers (their size is bounded by the file) and decoded page by page.
/// One reader may serve sequential reads; it is not meant for concurrent <c>Read*</c> calls on a stream source.
/// </summary>
public sealed class ParquetFileReader : IAsyncDisposable, IDisposable
{
    /// <summary>The magic bytes at both ends of a Parquet file.</summary>
    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private static ReadOnlySpan<byte> EncryptedMagic => "PARE"u8;

    /// <summary>Below this many compressed bytes a row group's columns decode one after another on the calling thread.</summary>
    private const long ParallelDecodeMinBytes = 1L << 20;

    /// <summary>The bytes read from a file's end to find its footer (Arrow reads as many).</summary>
    private const int FooterReadBytes = 64 * 1024;

    private readonly IRandomAccessSource _source;
    private readonly string _name;
    private readonly long _footerStart;

    private ParquetFileReader(IRandomAccessSource source, string name, FileMetaData metadata, ParquetSchema schema, long footerStart)
    {
        _source = source;
        _name = name;
        Metadata = metadata;
        Schema = schema;
        _footerStart = footerStart;
    }

    /// <summary>The parsed footer.</summary>
    public FileMetaData Metadata { get; }

    /// <summary>The parsed footer with the schema, to open the same file again without parsing it (see <see cref="Open(Stream, string, ParquetFooter, bool)"/>).</summary>
    public ParquetFooter Footer => new(Metadata, Schema, _footerStart);

    public ParquetSchema Schema { get; }

    /// <summary>The top-level columns with their columnar types.</summary>
    public IReadOnlyList<ColumnField> Fields => Schema.Fields;

    public long RowCount => Metadata.NumRows;

    public IReadOnlyList<RowGroup> RowGroups => Metadata.RowGroups;

    public IReadOnlyList<KeyValue> KeyValueMetadata => Metadata.KeyValueMetadata ?? [];

    public string? CreatedBy => Metadata.CreatedBy;

    public long FileLength => _source.Length;

    /// <summary>Opens the file at <paramref name="path"/> and reads its footer.</summary>
    public static async Task<ParquetFileReader> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var source = new FileRandomAccessSource(path);
        return await OpenAsync(source, $"Parquet file '{path}'", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a readable, seekable stream holding a Parquet file and reads its footer.</summary>
    public static async Task<ParquetFileReader> OpenAsync(Stream stream, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        var source = new StreamRandomAccessSource(stream, leaveOpen);
        return await OpenAsync(source, "Parquet stream", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a readable, seekable stream holding the Parquet file at <paramref name="location"/> with a footer parsed
    /// before from the same file (<see cref="Footer"/>), so nothing is read until row groups are.
    /// </summary>
    public static ParquetFileReader Open(Stream stream, string location, ParquetFooter footer, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(footer);
        var source = new StreamRandomAccessSource(stream, leaveOpen);
        return new ParquetFileReader(source, $"Parquet file '{location}'", footer.Metadata, footer.Schema, footer.FooterStart);
    }

    /// <summary>
    /// Opens a readable, seekable stream holding the Parquet file at <paramref name="location"/> and reads its footer;
    /// errors name the location.
    /// </summary>
    public static async Task<ParquetFileReader> OpenAsync(Stream stream, string location, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        var source = new StreamRandomAccessSource(stream, leaveOpen);
        return await OpenAsync(source, $"Parquet file '{location}'", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The fields a read with <paramref name="options"/> returns, in batch order.</summary>
    public IReadOnlyList<ColumnField> GetProjectedFields(ParquetReadOptions? options = null) =>
        [.. ResolveProjection(options).Select(m => m.Field)];

    /// <summary>The indexes of the row groups a read with <paramref name="options"/> visits (those its filter keeps).</summary>
    public IReadOnlyList<int> SelectRowGroups(ParquetReadOptions? options = null)
    {
        var selected = new List<int>(RowGroups.Count);
        for (int i = 0; i < RowGroups.Count; i++)
        {
            if (options?.RowGroupFilter is not { } filter || filter(new RowGroupInfo(i, RowGroups[i], Schema)))
            {
                selected.Add(i);
            }
        }

        return selected;
    }

    /// <summary>Reads every row group the options keep, one batch per row group; dispose each batch when done.</summary>
    public async IAsyncEnumerable<ColumnBatch> ReadAsync(
        ParquetReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (int index in SelectRowGroups(options))
        {
            yield return await ReadRowGroupAsync(index, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads row group <paramref name="rowGroup"/> (ignoring the options' row-group filter) into a new batch.</summary>
    public async Task<ColumnBatch> ReadRowGroupAsync(int rowGroup, ParquetReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroups.Count);
        FieldMapping[] projection = ResolveProjection(options);
        RowGroup group = RowGroups[rowGroup];
        if (group.NumRows is < 0 or > int.MaxValue - 1)
        {
            throw new ParquetException($"{_name}: row group {rowGroup} claims {group.NumRows} rows.");
        }

        int rows = (int)group.NumRows;
        // Presize for typical row groups only: the row count is read from the file and growth is cheap.
        ColumnBatch batch = ColumnBatch.Create([.. projection.Select(m => m.Field)], Math.Min(rows, 1 << 20));
        try
        {
            int parallelism = Math.Min(projection.Length, options?.MaxDegreeOfParallelism ?? Environment.ProcessorCount);
            if (parallelism <= 1 || ProjectedBytes(group, projection) < ParallelDecodeMinBytes)
            {
                // Small row groups decode on the calling thread: handing columns to other threads costs more than it saves.
                using var decoder = new ColumnChunkDecoder(options?.VerifyPageChecksums ?? true);
                for (int i = 0; i < projection.Length; i++)
                {
                    await ReadColumnAsync(projection[i], batch.Column(i), rowGroup, rows, decoder, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                // Columns are independent: decode them in parallel, each with its own scratch buffers.
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, projection.Length), parallel, async (i, ct) =>
                {
                    using var decoder = new ColumnChunkDecoder(options?.VerifyPageChecksums ?? true);
                    await ReadColumnAsync(projection[i], batch.Column(i), rowGroup, rows, decoder, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
        }
        catch
        {
            batch.Dispose();
            throw;
        }

        return batch;
    }

    public void Dispose() => _source.Dispose();

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static async Task<ParquetFileReader> OpenAsync(IRandomAccessSource source, string name, CancellationToken cancellationToken)
    {
        try
        {
            (FileMetaData metadata, long footerStart, source) = await ReadFooterAsync(source, name, cancellationToken).ConfigureAwait(false);
            ParquetSchema schema;
            try
            {
                schema = ParquetSchema.FromElements(metadata.Schema);
            }
            catch (ParquetException ex)
            {
                throw new ParquetException(ex.Kind, $"{name}: {ex.Message}", ex);
            }

            Validate(metadata, schema, name);
            return new ParquetFileReader(source, name, metadata, schema, footerStart);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<(FileMetaData Metadata, long FooterStart, IRandomAccessSource Source)> ReadFooterAsync(
        IRandomAccessSource source, string name, CancellationToken cancellationToken)
    {
        long length = source.Length;
        if (length < 12)
        {
            throw new ParquetException($"{name} is {length} bytes long; a Parquet file holds at least 12 (magic, footer length, magic).");
        }

        // One read of the file's last bytes holds the footer of most files and the whole of a small one, as Arrow and
        // parquet-java read it; the rest of a read is kept for the column chunks it holds.
        int tailLength = (int)Math.Min(length, FooterReadBytes);
        long tailStart = length - tailLength;
        byte[]? tail = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            await source.ReadExactlyAsync(tailStart, tail.AsMemory(0, tailLength), cancellationToken).ConfigureAwait(false);
            byte[] head = tail;
            if (tailStart > 0)
            {
                head = new byte[4];
                await source.ReadExactlyAsync(0, head, cancellationToken).ConfigureAwait(false);
            }

            int footerLength = FooterLength(head.AsSpan(0, 4), tail.AsSpan(tailLength - 8, 8), length, name);
            long footerStart = length - 8 - footerLength;
            FileMetaData metadata = footerStart >= tailStart
                ? ParseFooter(tail.AsSpan((int)(footerStart - tailStart), footerLength), footerStart, name)
                : await ReadFooterBeyondTailAsync(source, footerStart, footerLength, name, cancellationToken).ConfigureAwait(false);
            var buffered = new TailBufferedSource(source, tail, tailStart, tailLength);
            tail = null;
            return (metadata, footerStart, buffered);
        }
        finally
        {
            if (tail is not null)
            {
                ArrayPool<byte>.Shared.Return(tail);
            }
        }
    }

    /// <summary>Checks the magic bytes at both ends; the footer's length from the last eight bytes.</summary>
    private static int FooterLength(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, long length, string name)
    {
        if (end[4..].SequenceEqual(EncryptedMagic))
        {
            throw new ParquetException(FloeErrorKind.Unsupported, $"{name} has an encrypted footer (PARE); encrypted Parquet is not supported.");
        }

        if (!start.SequenceEqual(Magic) || !end[4..].SequenceEqual(Magic))
        {
            throw new ParquetException($"{name} is not a Parquet file: the magic bytes PAR1 are missing at its start or end.");
        }

        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(end[..4]);
        if (footerLength <= 0 || footerLength > length - 12)
        {
            throw new ParquetException($"{name}: the footer length {footerLength} does not fit in the file's {length} bytes.");
        }

        return footerLength;
    }

    /// <summary>A footer larger than the first read: read on its own.</summary>
    private static async Task<FileMetaData> ReadFooterBeyondTailAsync(IRandomAccessSource source, long footerStart, int footerLength, string name, CancellationToken cancellationToken)
    {
        byte[] footer = ArrayPool<byte>.Shared.Rent(footerLength);
        try
        {
            await source.ReadExactlyAsync(footerStart, footer.AsMemory(0, footerLength), cancellationToken).ConfigureAwait(false);
            return ParseFooter(footer.AsSpan(0, footerLength), footerStart, name);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(footer);
        }
    }

    private static FileMetaData ParseFooter(ReadOnlySpan<byte> footer, long footerStart, string name)
    {
        try
        {
            return FileMetaData.Parse(footer, footerStart);
        }
        catch (ParquetException ex)
        {
            throw new ParquetException(ex.Kind, $"{name}: the footer is corrupt: {ex.Message}", ex);
        }
    }

    private static void Validate(FileMetaData metadata, ParquetSchema schema, string name)
    {
        if (metadata.NumRows < 0)
        {
            throw new ParquetException($"{name}: num_rows {metadata.NumRows} is negative.");
        }

        for (int i = 0; i < metadata.RowGroups.Count; i++)
        {
            RowGroup group = metadata.RowGroups[i];
            if (group.Columns.Count != schema.Columns.Count)
            {
                throw new ParquetException(
                    $"{name}: row group {i} has {group.Columns.Count} column chunks but the schema has {schema.Columns.Count} columns.");
            }

            if (group.NumRows < 0)
            {
                throw new ParquetException($"{name}: row group {i} has a negative row count {group.NumRows}.");
            }
        }
    }

    private FieldMapping[] ResolveProjection(ParquetReadOptions? options)
    {
        if (options?.Columns is not null && options.FieldIds is not null)
        {
            throw new ArgumentException("Project by column names or by field ids, not both.", nameof(options));
        }

        IReadOnlyList<FieldMapping> all = Schema.Mappings;
        if (options?.Columns is { } names)
        {
            return [.. names.Select(name =>
            {
                int index = Schema.IndexOfField(name);
                return index >= 0
                    ? all[index]
                    : throw new ParquetException(FloeErrorKind.NotFound, $"{_name} has no column '{name}'; its columns are {string.Join(", ", Fields.Select(f => f.Name))}.");
            })];
        }

        if (options?.FieldIds is { } ids)
        {
            return [.. ids.Select(id =>
            {
                int index = Schema.IndexOfFieldId(id);
                return index >= 0
                    ? all[index]
                    : throw new ParquetException(FloeErrorKind.NotFound, $"{_name} has no top-level column with field id {id}.");
            })];
        }

        return [.. all];
    }

    /// <summary>The compressed bytes of a row group's chunks that a projection reads.</summary>
    private static long ProjectedBytes(RowGroup group, FieldMapping[] projection)
    {
        long bytes = 0;
        foreach (FieldMapping field in projection)
        {
            foreach (ColumnDescriptor leaf in field.Leaves)
            {
                bytes += group.Columns[leaf.Index].MetaData?.TotalCompressedSize ?? 0;
            }
        }

        return bytes;
    }

    private async Task ReadColumnAsync(FieldMapping field, ColumnVector vector, int rowGroup, int rows, ColumnChunkDecoder decoder, CancellationToken cancellationToken)
    {
        await ReadFieldAsync(field, vector, rowGroup, decoder, cancellationToken).ConfigureAwait(false);
        if (vector.Length != rows)
        {
            throw new ParquetException($"{_name}: column '{field.Field.Name}' of row group {rowGroup} holds {vector.Length} rows but the row group has {rows}.");
        }
    }

    private async Task ReadFieldAsync(FieldMapping field, ColumnVector vector, int rowGroup, ColumnChunkDecoder decoder, CancellationToken cancellationToken)
    {
        bool nested = field.Shape != FieldShape.Primitive;
        var levels = new Dictionary<int, LevelBuffer>();
        try
        {
            foreach ((FieldMapping leaf, ColumnVector leafVector) in LeafTargets(field, vector))
            {
                cancellationToken.ThrowIfCancellationRequested();
                LevelBuffer? leafLevels = nested ? levels[leaf.Leaf!.Index] = new LevelBuffer() : null;
                await ReadLeafAsync(leaf, leafVector, rowGroup, decoder, leafLevels, cancellationToken).ConfigureAwait(false);
            }

            if (nested)
            {
                try
                {
                    using var assembler = new RecordAssembler(index => levels[index]);
                    assembler.Assemble(field, vector);
                }
                catch (ParquetException ex)
                {
                    throw new ParquetException(ex.Kind, $"{_name}, row group {rowGroup}: {ex.Message}", ex);
                }
            }
        }
        finally
        {
            foreach (LevelBuffer buffer in levels.Values)
            {
                buffer.Dispose();
            }
        }
    }

    private async Task ReadLeafAsync(
        FieldMapping leaf, ColumnVector vector, int rowGroup, ColumnChunkDecoder decoder, LevelBuffer? levels, CancellationToken cancellationToken)
    {
        ColumnDescriptor column = leaf.Leaf!;
        ColumnChunk chunk = RowGroups[rowGroup].Columns[column.Index];
        (ColumnMetaData meta, long offset, int size) = LocateChunk(chunk, column, rowGroup);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            await _source.ReadExactlyAsync(offset, buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            using LeafValueReader values = LeafValueReaderFactory.Create(column);
            try
            {
                decoder.Decode(buffer.AsSpan(0, size), offset, meta, rowGroup, values, vector, leaf.SlotRepetition, leaf.SlotDefinition, levels);
            }
            catch (ParquetException ex)
            {
                throw new ParquetException(ex.Kind, $"{_name}: {ex.Message}", ex);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private (ColumnMetaData Meta, long Offset, int Size) LocateChunk(ColumnChunk chunk, ColumnDescriptor column, int rowGroup)
    {
        string where = $"{_name}: column '{column.DottedPath}' of row group {rowGroup}";
        if (chunk.IsEncrypted || chunk.MetaData is null)
        {
            throw new ParquetException(FloeErrorKind.Unsupported, $"{where} is encrypted or has no metadata.");
        }

        if (chunk.FilePath is not null)
        {
            throw new ParquetException(FloeErrorKind.Unsupported, $"{where} lives in another file ('{chunk.FilePath}').");
        }

        ColumnMetaData meta = chunk.MetaData;
        if (meta.Type != column.PhysicalType)
        {
            throw new ParquetException($"{where} is stored as {meta.Type} but the schema says {column.PhysicalType}.");
        }

        long rows = RowGroups[rowGroup].NumRows;
        if (column.MaxRepetitionLevel == 0 ? meta.NumValues != rows : meta.NumValues < rows)
        {
            // Without repetition every row has exactly one level entry; with it, at least one.
            throw new ParquetException($"{where} has {meta.NumValues} values for {rows} rows.");
        }

        long start = meta.DataPageOffset;
        if (meta.DictionaryPageOffset is long dictionary && dictionary > 0 && dictionary < start)
        {
            start = dictionary;
        }

        long size = meta.TotalCompressedSize;
        if (start < Magic.Length || size < 0 || start > _footerStart - size)
        {
            throw new ParquetException(
                $"{where} spans bytes [{start}, {start + size}) outside the data area [{Magic.Length}, {_footerStart}).");
        }

        if (size > Array.MaxLength)
        {
            throw new ParquetException(FloeErrorKind.Unsupported, $"{where} is {size} bytes; chunks above {Array.MaxLength} bytes are not supported.");
        }

        return (meta, start, (int)size);
    }

    private static IEnumerable<(FieldMapping Leaf, ColumnVector Vector)> LeafTargets(FieldMapping field, ColumnVector vector)
    {
        switch (field.Shape)
        {
            case FieldShape.Primitive:
                yield return (field, vector);
                break;
            case FieldShape.Struct:
                var structVector = (StructVector)vector;
                for (int i = 0; i < field.Children.Count; i++)
                {
                    foreach ((FieldMapping, ColumnVector) target in LeafTargets(field.Children[i], structVector.Child(i)))
                    {
                        yield return target;
                    }
                }

                break;
            case FieldShape.List:
                foreach ((FieldMapping, ColumnVector) target in LeafTargets(field.Children[0], ((ListVector)vector).Elements))
                {
                    yield return target;
                }

                break;
            case FieldShape.Map:
                var map = (MapVector)vector;
                foreach ((FieldMapping, ColumnVector) target in LeafTargets(field.Children[0], map.Keys))
                {
                    yield return target;
                }

                foreach ((FieldMapping, ColumnVector) target in LeafTargets(field.Children[1], map.Values))
                {
                    yield return target;
                }

                break;
        }
    }
}
