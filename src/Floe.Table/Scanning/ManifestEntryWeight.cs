using Floe.Core.Manifests;

namespace Floe.Table.Scanning;

/// <summary>
/// A rough weight in bytes of decoded manifest entries, for bounding <see cref="ScanCaches.Manifests"/>: object
/// headers and fields, the path's characters, and per statistics map entry its slot and boxed bound bytes.
/// </summary>
internal static class ManifestEntryWeight
{
    private const long EntryAndFile = 320;
    private const long MapSlot = 32;
    private const long ArrayHeader = 24;

    public static long Of(IReadOnlyList<ManifestEntry> entries)
    {
        long total = 64;
        foreach (ManifestEntry entry in entries)
        {
            total += Of(entry.File);
        }

        return total;
    }

    private static long Of(ContentFile file)
    {
        long bytes = EntryAndFile + ArrayHeader + (2L * file.FilePath.Length) + (file.Partition.Size * MapSlot);
        bytes += Slots(file.ColumnSizes?.Count) + Slots(file.ValueCounts?.Count) + Slots(file.NullValueCounts?.Count) + Slots(file.NanValueCounts?.Count);
        bytes += Bounds(file.LowerBounds) + Bounds(file.UpperBounds);
        bytes += (file.SplitOffsets?.Count ?? 0) * sizeof(long);
        bytes += file.KeyMetadata?.Length ?? 0;
        if (file is DeleteFile delete)
        {
            bytes += (delete.EqualityIds?.Count ?? 0) * sizeof(int);
        }

        return bytes;
    }

    private static long Slots(int? count) => count is int n ? 64 + (n * MapSlot) : 0;

    private static long Bounds(IReadOnlyDictionary<int, byte[]>? bounds)
    {
        if (bounds is null)
        {
            return 0;
        }

        long bytes = Slots(bounds.Count);
        foreach (byte[] value in bounds.Values)
        {
            bytes += ArrayHeader + value.Length;
        }

        return bytes;
    }
}
