using Floe.Parquet.Metadata;

namespace Floe.Table.Scanning.Execution;

/// <summary>Which row groups a byte range of a Parquet file owns: those whose middle lies in the range.</summary>
internal static class RowGroupRanges
{
    public static HashSet<int> Select(IReadOnlyList<RowGroup> groups, long start, long length)
    {
        long end = start + length;
        var selected = new HashSet<int>();
        for (int i = 0; i < groups.Count; i++)
        {
            long middle = Middle(groups[i]);
            if (middle >= start && middle < end)
            {
                selected.Add(i);
            }
        }

        return selected;
    }

    private static long Middle(RowGroup group)
    {
        long first = group.FileOffset is > 0 and long offset ? offset : long.MaxValue;
        long compressed = group.TotalCompressedSize ?? 0;
        long summed = 0;
        foreach (ColumnChunk chunk in group.Columns)
        {
            if (chunk.MetaData is { } meta)
            {
                long chunkStart = meta.DictionaryPageOffset is > 0 and long dictionary ? Math.Min(dictionary, meta.DataPageOffset) : meta.DataPageOffset;
                if (group.FileOffset is not > 0)
                {
                    first = Math.Min(first, chunkStart);
                }

                summed += meta.TotalCompressedSize;
            }
        }

        if (first == long.MaxValue)
        {
            first = 0;
        }

        return first + ((compressed > 0 ? compressed : summed) / 2);
    }
}
