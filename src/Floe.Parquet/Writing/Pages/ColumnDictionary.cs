using System.Runtime.InteropServices;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Writing.Pages;

/// <summary>The dictionary of one column chunk: maps a page's values to indices and writes the dictionary page.</summary>
internal sealed class ColumnDictionary : IDisposable
{
    private readonly ValueKind _kind;
    private readonly int _width;
    private readonly DictionaryBuilder<int>? _ints;
    private readonly DictionaryBuilder<long>? _longs;
    private readonly DictionaryBuilder<float>? _floats;
    private readonly DictionaryBuilder<double>? _doubles;
    private readonly ByteArrayDictionaryBuilder? _bytes;

    private ColumnDictionary(ValueKind kind, int width)
    {
        _kind = kind;
        _width = width;
        switch (kind)
        {
            case ValueKind.Int32 or ValueKind.DecimalInt32:
                _ints = new DictionaryBuilder<int>();
                break;
            case ValueKind.Int64 or ValueKind.DecimalInt64:
                _longs = new DictionaryBuilder<long>();
                break;
            case ValueKind.Float:
                _floats = new DictionaryBuilder<float>();
                break;
            case ValueKind.Double:
                _doubles = new DictionaryBuilder<double>();
                break;
            default:
                _bytes = new ByteArrayDictionaryBuilder();
                break;
        }
    }

    /// <summary>A dictionary for <paramref name="kind"/>, or null when the kind is not dictionary encoded (booleans).</summary>
    public static ColumnDictionary? TryCreate(ValueKind kind, int width) =>
        kind == ValueKind.Boolean ? null : new ColumnDictionary(kind, width);

    public int Count => _ints?.Count ?? _longs?.Count ?? _floats?.Count ?? _doubles?.Count ?? _bytes!.Count;

    /// <summary>Size of the dictionary page body (PLAIN).</summary>
    public long EncodedSize => _kind switch
    {
        ValueKind.ByteArray => _bytes!.PlainEncodedSize,
        ValueKind.FixedBytes or ValueKind.DecimalFixed => (long)_bytes!.Count * _width,
        _ => _ints?.PlainEncodedSize ?? _longs?.PlainEncodedSize ?? _floats?.PlainEncodedSize ?? _doubles!.PlainEncodedSize,
    };

    /// <summary>Adds the page's values and writes their indices to <paramref name="indices"/>.</summary>
    public void Map(PendingValues values, Span<int> indices)
    {
        ReadOnlySpan<byte> bytes = values.Bytes.WrittenSpan;
        if (_ints is not null)
        {
            _ints.GetOrAddRange(MemoryMarshal.Cast<byte, int>(bytes), indices);
        }
        else if (_longs is not null)
        {
            _longs.GetOrAddRange(MemoryMarshal.Cast<byte, long>(bytes), indices);
        }
        else if (_floats is not null)
        {
            _floats.GetOrAddRange(MemoryMarshal.Cast<byte, float>(bytes), indices);
        }
        else if (_doubles is not null)
        {
            _doubles.GetOrAddRange(MemoryMarshal.Cast<byte, double>(bytes), indices);
        }
        else if (_kind == ValueKind.ByteArray)
        {
            _bytes!.GetOrAddRange(values.Offsets, bytes, indices);
        }
        else
        {
            _bytes!.GetOrAddFixedRange(bytes, _width, indices);
        }
    }

    /// <summary>
    /// Adds the first <paramref name="count"/> of the page's values (using <paramref name="indices"/> as scratch) and
    /// returns how many distinct values the dictionary then holds.
    /// </summary>
    public int CountDistinct(PendingValues values, int count, Span<int> indices)
    {
        ReadOnlySpan<byte> bytes = values.Bytes.WrittenSpan;
        indices = indices[..count];
        if (_ints is not null)
        {
            _ints.GetOrAddRange(MemoryMarshal.Cast<byte, int>(bytes)[..count], indices);
        }
        else if (_longs is not null)
        {
            _longs.GetOrAddRange(MemoryMarshal.Cast<byte, long>(bytes)[..count], indices);
        }
        else if (_floats is not null)
        {
            _floats.GetOrAddRange(MemoryMarshal.Cast<byte, float>(bytes)[..count], indices);
        }
        else if (_doubles is not null)
        {
            _doubles.GetOrAddRange(MemoryMarshal.Cast<byte, double>(bytes)[..count], indices);
        }
        else if (_kind == ValueKind.ByteArray)
        {
            _bytes!.GetOrAddRange(values.Offsets[..(count + 1)], bytes, indices);
        }
        else
        {
            _bytes!.GetOrAddFixedRange(bytes[..(count * _width)], _width, indices);
        }

        return Count;
    }

    /// <summary>True when statistics can be taken from new dictionary entries instead of every value (byte strings).</summary>
    public bool KeepsByteStrings => _bytes is not null;

    /// <summary>
    /// Folds dictionary entries <paramref name="from"/>.. into <paramref name="statistics"/>: every entry occurs in
    /// the data, so the bounds over the entries equal the bounds over the values, at a fraction of the comparisons.
    /// </summary>
    public void UpdateStatistics(Statistics.ByteArrayStatistics statistics, int from)
    {
        ByteArrayDictionaryBuilder bytes = _bytes!;
        for (int i = from; i < bytes.Count; i++)
        {
            statistics.Update(bytes[i]);
        }
    }

    /// <summary>Writes the dictionary page body.</summary>
    public int Encode(PooledBuffer output)
    {
        if (_ints is not null)
        {
            return _ints.EncodeDictionaryPage(output);
        }

        if (_longs is not null)
        {
            return _longs.EncodeDictionaryPage(output);
        }

        if (_floats is not null)
        {
            return _floats.EncodeDictionaryPage(output);
        }

        if (_doubles is not null)
        {
            return _doubles.EncodeDictionaryPage(output);
        }

        return _kind == ValueKind.ByteArray ? _bytes!.EncodeDictionaryPage(output) : _bytes!.EncodeFixedLengthDictionaryPage(output);
    }

    public void Clear()
    {
        _ints?.Clear();
        _longs?.Clear();
        _floats?.Clear();
        _doubles?.Clear();
        _bytes?.Clear();
    }

    public void Dispose()
    {
        _ints?.Dispose();
        _longs?.Dispose();
        _floats?.Dispose();
        _doubles?.Dispose();
        _bytes?.Dispose();
    }
}
