using System.Text;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Core.Values;

namespace Floe.Table.Scanning;

/// <summary>
/// Finds the delete files that apply to a data file, by the spec's rules. Position deletes apply to data files of the
/// same spec and partition whose data sequence number is less than or equal to the delete's; a position delete file
/// that targets one data file (<c>referenced_data_file</c>, or equal <c>file_path</c> bounds) applies only to it.
/// Equality deletes apply to data files whose data sequence number is strictly less than the delete's, in the same
/// spec and partition, or to every data file when the delete's spec is unpartitioned (a global delete).
/// </summary>
public sealed class DeleteFileIndex
{
    private static readonly DeleteList s_empty = new([]);

    private readonly DeleteList _globalEqualityDeletes;
    private readonly Dictionary<(int SpecId, PartitionData Partition), DeleteList> _equalityByPartition;
    private readonly Dictionary<(int SpecId, PartitionData Partition), DeleteList> _positionByPartition;
    private readonly Dictionary<string, DeleteList> _positionByFile;

    private DeleteFileIndex(
        DeleteList globalEqualityDeletes,
        Dictionary<(int, PartitionData), DeleteList> equalityByPartition,
        Dictionary<(int, PartitionData), DeleteList> positionByPartition,
        Dictionary<string, DeleteList> positionByFile,
        int count)
    {
        _globalEqualityDeletes = globalEqualityDeletes;
        _equalityByPartition = equalityByPartition;
        _positionByPartition = positionByPartition;
        _positionByFile = positionByFile;
        Count = count;
    }

    /// <summary>An index without delete files.</summary>
    public static DeleteFileIndex Empty { get; } = new(s_empty, [], [], [], 0);

    /// <summary>Delete files indexed.</summary>
    public int Count { get; }

    public bool IsEmpty => Count == 0;

    /// <summary>
    /// Indexes the live entries of delete manifests. <paramref name="isUnpartitioned"/> tells whether a spec id
    /// names an unpartitioned spec (equality deletes written with it are global).
    /// </summary>
    public static DeleteFileIndex Build(IEnumerable<ManifestEntry> deleteEntries, Func<int, bool> isUnpartitioned)
    {
        ArgumentNullException.ThrowIfNull(deleteEntries);
        ArgumentNullException.ThrowIfNull(isUnpartitioned);
        var global = new List<SequencedDelete>();
        var equality = new Dictionary<(int, PartitionData), List<SequencedDelete>>();
        var position = new Dictionary<(int, PartitionData), List<SequencedDelete>>();
        var byFile = new Dictionary<string, List<SequencedDelete>>(StringComparer.Ordinal);
        int count = 0;
        foreach (ManifestEntry entry in deleteEntries)
        {
            if (!entry.IsLive || entry.File is not DeleteFile file)
            {
                continue;
            }

            count++;
            var sequenced = new SequencedDelete(entry.DataSequenceNumber ?? 0, file);
            if (file.Content == FileContent.EqualityDeletes)
            {
                if (isUnpartitioned(file.SpecId))
                {
                    global.Add(sequenced);
                }
                else
                {
                    Add(equality, (file.SpecId, file.Partition), sequenced);
                }
            }
            else if (TargetFile(file) is string target)
            {
                Add(byFile, target, sequenced);
            }
            else
            {
                Add(position, (file.SpecId, file.Partition), sequenced);
            }
        }

        return new DeleteFileIndex(
            new DeleteList(global),
            equality.ToDictionary(p => p.Key, p => new DeleteList(p.Value)),
            position.ToDictionary(p => p.Key, p => new DeleteList(p.Value)),
            byFile.ToDictionary(p => p.Key, p => new DeleteList(p.Value), StringComparer.Ordinal),
            count);
    }

    /// <summary>Indexes the delete files of a table, given the specs by id.</summary>
    public static DeleteFileIndex Build(IEnumerable<ManifestEntry> deleteEntries, TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Build(deleteEntries, specId => metadata.SpecById(specId)?.IsUnpartitioned ?? false);
    }

    /// <summary>The delete files that apply to <paramref name="file"/>, written at <paramref name="dataSequenceNumber"/>.</summary>
    public IReadOnlyList<DeleteFile> ForDataFile(long dataSequenceNumber, DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (IsEmpty)
        {
            return [];
        }

        var result = new List<DeleteFile>();
        AddForDataFile(dataSequenceNumber, file, result);
        return result;
    }

    /// <summary>
    /// Appends the delete files that apply to <paramref name="file"/> to <paramref name="result"/>: for callers that
    /// visit many files and reuse one list instead of allocating one per file.
    /// </summary>
    public void AddForDataFile(long dataSequenceNumber, DataFile file, List<DeleteFile> result)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(result);
        if (IsEmpty)
        {
            return;
        }

        var key = (file.SpecId, file.Partition);
        _globalEqualityDeletes.AddAfter(dataSequenceNumber, inclusive: false, result);
        _equalityByPartition.GetValueOrDefault(key, s_empty).AddAfter(dataSequenceNumber, inclusive: false, result);
        _positionByPartition.GetValueOrDefault(key, s_empty).AddAfter(dataSequenceNumber, inclusive: true, result);
        if (_positionByFile.TryGetValue(file.FilePath, out DeleteList? targeted))
        {
            // Only deletes of the same spec and partition may apply, as for any position delete.
            var candidates = new List<DeleteFile>();
            targeted.AddAfter(dataSequenceNumber, inclusive: true, candidates);
            result.AddRange(candidates.Where(d => d.SpecId == file.SpecId && d.Partition.Equals(file.Partition)));
        }
    }

    /// <summary>The one data file a position delete file targets, if it declares or its path bounds show one.</summary>
    internal static string? TargetFile(DeleteFile file)
    {
        if (file.ReferencedDataFile is not null)
        {
            return file.ReferencedDataFile;
        }

        int pathId = MetadataColumns.DeleteFilePath.Id;
        if (file.LowerBounds?.GetValueOrDefault(pathId) is byte[] lower
            && file.UpperBounds?.GetValueOrDefault(pathId) is byte[] upper
            && lower.AsSpan().SequenceEqual(upper))
        {
            return Encoding.UTF8.GetString(lower);
        }

        return null;
    }

    private static void Add<TKey>(Dictionary<TKey, List<SequencedDelete>> map, TKey key, SequencedDelete delete)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out List<SequencedDelete>? list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(delete);
    }

    private readonly record struct SequencedDelete(long SequenceNumber, DeleteFile File);

    /// <summary>Deletes sorted by sequence number, so those after a data file's are one binary search away.</summary>
    private sealed class DeleteList
    {
        private readonly long[] _sequenceNumbers;
        private readonly DeleteFile[] _files;

        public DeleteList(List<SequencedDelete> deletes)
        {
            deletes.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
            _sequenceNumbers = [.. deletes.Select(d => d.SequenceNumber)];
            _files = [.. deletes.Select(d => d.File)];
        }

        /// <summary>Adds the deletes with a sequence number above (or with <paramref name="inclusive"/>, equal to) <paramref name="sequenceNumber"/>.</summary>
        public void AddAfter(long sequenceNumber, bool inclusive, List<DeleteFile> result)
        {
            int lo = 0;
            int hi = _sequenceNumbers.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                bool before = inclusive ? _sequenceNumbers[mid] < sequenceNumber : _sequenceNumbers[mid] <= sequenceNumber;
                if (before)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            for (int i = lo; i < _files.Length; i++)
            {
                result.Add(_files[i]);
            }
        }
    }
}
