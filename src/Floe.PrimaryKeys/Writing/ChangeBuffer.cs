using Floe.Common.Columnar;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// The rows of a transaction held until its commit, while they may still be written at a coarser node than the
/// change buckets (<see cref="ChangeLayout"/>). Held rows are copies: the caller keeps owning its batches.
/// </summary>
internal sealed class ChangeBuffer(long rowLimit) : IDisposable
{
    private readonly List<GroupedRows> _held = [];

    /// <summary>Change rows held.</summary>
    public long Rows { get; private set; }

    public IReadOnlyList<GroupedRows> Held => _held;

    /// <summary>Holds a copy of <paramref name="rows"/>; false, holding nothing, when that would pass the limit.</summary>
    public bool TryHold(GroupedRows rows)
    {
        if (Rows + rows.ChangeRowCount > rowLimit)
        {
            return false;
        }

        int[] all = [.. Enumerable.Range(0, rows.Count)];
        var columns = new ColumnVector[rows.Columns.Length];
        try
        {
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = ColumnGather.Take(rows.Columns[c], all);
            }
        }
        catch
        {
            DisposeAll(columns);
            throw;
        }

        _held.Add(rows with { Columns = columns, Groups = rows.Groups[..rows.Count] });
        Rows += rows.ChangeRowCount;
        return true;
    }

    /// <summary>Change rows held per partition index, and the change buckets they fall in.</summary>
    public (long Rows, HashSet<int> Buckets)[] PerPartition(int partitions, int buckets)
    {
        var result = new (long Rows, HashSet<int> Buckets)[partitions];
        for (int p = 0; p < partitions; p++)
        {
            result[p] = (0, []);
        }

        foreach (GroupedRows rows in _held)
        {
            foreach (int group in rows.Groups)
            {
                ref var partition = ref result[group / buckets];
                partition.Rows += rows.Actions.Length;
                partition.Buckets.Add(group % buckets);
            }
        }

        return result;
    }

    public void Dispose()
    {
        foreach (GroupedRows rows in _held)
        {
            DisposeAll(rows.Columns);
        }

        _held.Clear();
        Rows = 0;
    }

    private static void DisposeAll(ColumnVector?[] columns)
    {
        foreach (ColumnVector? column in columns)
        {
            column?.Dispose();
        }
    }
}
