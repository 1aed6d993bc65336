using Floe.Common.Collections;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// The row positions of every key of one base file, built once from its key columns, so a merge finds the rows a
/// change replaces by looking up the change's keys rather than encoding every base row's key. A base file normally
/// holds each key once; a key held more than once chains its further positions.
/// </summary>
public sealed class BaseKeyIndex
{
    private readonly ByteKeyIndex _keys;
    private readonly int[] _first;
    private readonly int[] _next;

    /// <param name="keys">The file's distinct keys.</param>
    /// <param name="first">Per key number, its first row position.</param>
    /// <param name="next">Per row position, the next position of the same key, or -1.</param>
    internal BaseKeyIndex(ByteKeyIndex keys, int[] first, int[] next)
    {
        _keys = keys;
        _first = first;
        _next = next;
    }

    /// <summary>Rows of the file.</summary>
    public int RowCount => _next.Length;

    /// <summary>What the index holds in memory, in bytes.</summary>
    public long Bytes => 64 + _keys.AllocatedBytes + (4L * (_first.Length + _next.Length));

    /// <summary>Adds the positions of the rows holding <paramref name="key"/> to <paramref name="positions"/>.</summary>
    public void AddPositions(ReadOnlySpan<byte> key, List<long> positions)
    {
        int number = _keys.IndexOf(key);
        if (number < 0)
        {
            return;
        }

        for (int row = _first[number]; row >= 0; row = _next[row])
        {
            positions.Add(row);
        }
    }

    /// <summary>Collects an index row by row in file order.</summary>
    internal sealed class Builder(int expectedRows)
    {
        private readonly ByteKeyIndex _keys = new("The keys of one base file exceed 2 GiB.", Math.Max(1, expectedRows));
        private int[] _first = new int[Math.Max(1, expectedRows)];
        private int[] _last = new int[Math.Max(1, expectedRows)];
        private int[] _next = new int[Math.Max(1, expectedRows)];
        private int _rows;

        public void Add(ReadOnlySpan<byte> key)
        {
            int row = _rows++;
            if (row == _next.Length)
            {
                Array.Resize(ref _next, _next.Length * 2);
            }

            _next[row] = -1;
            int number = _keys.GetOrAdd(key, out bool added);
            if (added)
            {
                if (number == _first.Length)
                {
                    Array.Resize(ref _first, _first.Length * 2);
                    Array.Resize(ref _last, _last.Length * 2);
                }

                _first[number] = row;
            }
            else
            {
                _next[_last[number]] = row;
            }

            _last[number] = row;
        }

        public BaseKeyIndex Build() => new(_keys, _first[.._keys.Count], _next[.._rows]);
    }
}
