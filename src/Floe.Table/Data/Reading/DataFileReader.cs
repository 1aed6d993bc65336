using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Mapping;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Parquet.Reading;
using Floe.Table.Data.Columns;

namespace Floe.Table.Data.Reading;

/// <summary>
/// Reads a Parquet data file into <see cref="ColumnBatch"/>es of a requested Iceberg schema (a projection of the
/// table schema, possibly evolved since the file was written). Columns are matched by field id, or for files
/// without ids by name mapping (or the requested names); columns the file lacks are filled with their initial
/// default or nulls; promoted types are widened. The metadata columns <c>_pos</c> and <c>_file</c> may be requested.
/// </summary>
public sealed class DataFileReader : IAsyncDisposable
{
    private readonly ParquetFileReader _reader;
    private readonly IReadOnlyList<ColumnField> _fileFields;

    private DataFileReader(ParquetFileReader reader, string location, IReadOnlyList<ColumnField> fileFields)
    {
        _reader = reader;
        Location = location;
        _fileFields = fileFields;
    }

    /// <summary>The file's location, reported by the <c>_file</c> column.</summary>
    public string Location { get; }

    /// <summary>Rows in the file.</summary>
    public long RecordCount => _reader.RowCount;

    /// <summary>The file's top-level columns with the field ids used for matching (null where none is known).</summary>
    public IReadOnlyList<ColumnField> FileFields => _fileFields;

    /// <summary>The underlying Parquet reader, for footer and row-group statistics.</summary>
    public ParquetFileReader Parquet => _reader;

    /// <summary>Opens a data file over a seekable stream.</summary>
    public static async Task<DataFileReader> OpenAsync(
        Stream stream, string location, NameMapping? nameMapping = null, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(location);
        ParquetFileReader reader = await ParquetFileReader.OpenAsync(stream, location, leaveOpen, cancellationToken).ConfigureAwait(false);
        return Wrap(reader, location, nameMapping);
    }

    /// <summary>Opens a data file over a seekable stream with its footer parsed before (<see cref="ParquetFileReader.Footer"/>).</summary>
    public static DataFileReader Open(Stream stream, string location, ParquetFooter footer, NameMapping? nameMapping = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(location);
        return Wrap(ParquetFileReader.Open(stream, location, footer, leaveOpen), location, nameMapping);
    }

    private static DataFileReader Wrap(ParquetFileReader reader, string location, NameMapping? nameMapping)
    {
        IReadOnlyList<ColumnField> fields = reader.Fields;
        if (nameMapping is not null && !FileFieldIds.HasIds(fields))
        {
            fields = FileFieldIds.Apply(fields, nameMapping);
        }

        return new DataFileReader(reader, location, fields);
    }

    /// <summary>Opens the data file at a local <paramref name="path"/>.</summary>
    public static async Task<DataFileReader> OpenAsync(string path, NameMapping? nameMapping = null, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.RandomAccess);
        try
        {
            return await OpenAsync(stream, path, nameMapping, leaveOpen: false, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the file, one batch per row group kept, in the columns of <paramref name="projection"/>.</summary>
    public async IAsyncEnumerable<ColumnBatch> ReadAsync(
        Schema projection, DataReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        options ??= new DataReadOptions();
        IReadOnlyList<ColumnField> fileFields = _fileFields;
        if (!FileFieldIds.HasIds(fileFields))
        {
            // No ids in the file and no mapping given: match by the requested schema's names.
            fileFields = FileFieldIds.Apply(fileFields, options.NameMapping ?? NameMapping.FromSchema(projection));
        }

        int[] sourceIndex = [.. projection.Columns.Select(field => IndexOfId(fileFields, field.Id))];
        string[] selected = [.. sourceIndex.Where(i => i >= 0).Distinct().Select(i => _reader.Fields[i].Name)];
        var parquetOptions = new ParquetReadOptions
        {
            Columns = selected,
            RowGroupFilter = options.RowGroupFilter,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
        };
        IReadOnlyList<ColumnField> outputFields = IcebergColumns.ToColumnFields(projection);
        long[] firstRows = FirstRowOfEachGroup();
        foreach (int group in _reader.SelectRowGroups(parquetOptions))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ColumnBatch? fileBatch = selected.Length == 0
                ? null
                : await _reader.ReadRowGroupAsync(group, parquetOptions, cancellationToken).ConfigureAwait(false);
            long groupRows = _reader.RowGroups[group].NumRows;
            if (groupRows is < 0 or > int.MaxValue - 1)
            {
                throw new FloeException(FloeErrorKind.InvalidData, $"{Location}: row group {group} claims {groupRows} rows");
            }

            int rows = (int)groupRows;
            yield return Assemble(projection, outputFields, fileFields, sourceIndex, fileBatch, rows, firstRows[group]);
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private ColumnBatch Assemble(
        Schema projection, IReadOnlyList<ColumnField> outputFields, IReadOnlyList<ColumnField> fileFields,
        int[] sourceIndex, ColumnBatch? fileBatch, int rows, long firstRow)
    {
        var columns = new ColumnVector[outputFields.Count];
        var reused = new HashSet<ColumnVector>(ReferenceEqualityComparer.Instance);
        try
        {
            for (int c = 0; c < columns.Length; c++)
            {
                NestedField expected = projection.Columns[c];
                if (sourceIndex[c] >= 0 && fileBatch is not null)
                {
                    ColumnVector source = fileBatch.Column(_reader.Fields[sourceIndex[c]].Name);
                    columns[c] = VectorProjection.Project(source, fileFields[sourceIndex[c]], expected, expected.Name);
                    if (ReferenceEquals(columns[c], source) && !reused.Add(source))
                    {
                        // The same file column requested twice: the second gets its own copy.
                        columns[c] = ColumnVector.Create(source.Type, rows);
                        ColumnGather.AppendRange(source, 0, rows, columns[c]);
                    }
                }
                else
                {
                    columns[c] = MissingColumn(expected, outputFields[c].Type, rows, firstRow);
                }
            }

            return new ColumnBatch(outputFields, columns);
        }
        catch
        {
            foreach (ColumnVector? column in columns)
            {
                if (column is not null && !reused.Contains(column))
                {
                    column.Dispose();
                }
            }

            throw;
        }
        finally
        {
            if (fileBatch is not null)
            {
                foreach (ColumnVector column in fileBatch.Columns)
                {
                    if (!reused.Contains(column))
                    {
                        column.Dispose();
                    }
                }
            }
        }
    }

    private ColumnVector MissingColumn(NestedField expected, ColumnType type, int rows, long firstRow)
    {
        ColumnVector vector = ColumnVector.Create(type, rows);
        if (expected.Id == MetadataColumns.RowPosition.Id)
        {
            Span<long> positions = ((PrimitiveVector<long>)vector).AppendUninitialized(rows);
            for (int i = 0; i < rows; i++)
            {
                positions[i] = firstRow + i;
            }
        }
        else if (expected.Id == MetadataColumns.File.Id)
        {
            var files = (BinaryVector)vector;
            for (int i = 0; i < rows; i++)
            {
                files.Append(Location);
            }
        }
        else
        {
            ColumnDefaults.Append(vector, expected, rows, expected.Name);
        }

        return vector;
    }

    private long[] FirstRowOfEachGroup()
    {
        var first = new long[_reader.RowGroups.Count];
        long total = 0;
        for (int i = 0; i < first.Length; i++)
        {
            first[i] = total;
            total += _reader.RowGroups[i].NumRows;
        }

        return first;
    }

    private static int IndexOfId(IReadOnlyList<ColumnField> fields, int id)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].FieldId == id)
            {
                return i;
            }
        }

        return -1;
    }
}
