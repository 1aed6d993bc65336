using System.Buffers;
using System.Globalization;
using System.Text;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Cli.Input;

/// <summary>
/// Appends values written as text (a CSV field, a JSON scalar) to the vector of one primitive Iceberg column,
/// parsing straight from the span so no object is made per value.
/// </summary>
public sealed class TextValueAppender
{
    private readonly NestedField _field;
    private readonly PrimitiveType? _type;
    private readonly ColumnVector _vector;

    public TextValueAppender(NestedField field, ColumnVector vector)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(vector);
        _field = field;
        // Nested columns can only be left null by text input; a value for one fails in Append.
        _type = field.Type as PrimitiveType;
        _vector = vector;
    }

    /// <summary>The column name, for messages.</summary>
    public string Name => _field.Name;

    /// <summary>Appends a null, failing for a required column.</summary>
    public void AppendNull(long line)
    {
        if (_field.IsRequired)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"line {line}, column '{_field.Name}': a value is required (the column is not null).");
        }

        _vector.AppendNull();
    }

    /// <summary>Parses <paramref name="text"/> as a value of the column's type and appends it.</summary>
    public void Append(ReadOnlySpan<char> text, long line)
    {
        if (_type is null)
        {
            throw new FloeException(
                FloeErrorKind.Unsupported,
                $"line {line}, column '{_field.Name}': values of type {_field.Type} cannot be read from text input; use Parquet input for nested columns.");
        }

        int invalid = InvalidText.IndexOfUnpairedSurrogate(text);
        if (invalid >= 0)
        {
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                $"line {line}, column '{_field.Name}': the value is not valid UTF-8 ({InvalidText.Describe(text, invalid)}).");
        }

        if (!TryAppend(text, line))
        {
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                $"line {line}, column '{_field.Name}': '{Shorten(text)}' is not a valid {_type} value.");
        }
    }

    private bool TryAppend(ReadOnlySpan<char> text, long line)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        switch (_type!.TypeId)
        {
            case TypeId.Boolean:
                ReadOnlySpan<char> b = text.Trim();
                if (b.Equals("true", StringComparison.OrdinalIgnoreCase) || b.SequenceEqual("1"))
                {
                    ((PrimitiveVector<bool>)_vector).Append(true);
                    return true;
                }

                if (b.Equals("false", StringComparison.OrdinalIgnoreCase) || b.SequenceEqual("0"))
                {
                    ((PrimitiveVector<bool>)_vector).Append(false);
                    return true;
                }

                return false;
            case TypeId.Int:
                return Add(int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, inv, out int i), i);
            case TypeId.Long:
                return Add(long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, inv, out long l), l);
            case TypeId.Float:
                bool isFloat = float.TryParse(text.Trim(), NumberStyles.Float, inv, out float f);
                return Add(isFloat && CheckFinite(float.IsFinite(f), text, line), f);
            case TypeId.Double:
                bool isDouble = double.TryParse(text.Trim(), NumberStyles.Float, inv, out double d);
                return Add(isDouble && CheckFinite(double.IsFinite(d), text, line), d);
            case TypeId.Decimal:
                return TryAppendDecimal(text.Trim());
            case TypeId.Date:
                return Add(LiteralText.TryParseDate(text.Trim(), out int days), days);
            case TypeId.Time:
                return Add(LiteralText.TryParseTime(text.Trim(), 6, out long micros), micros);
            case TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs:
                bool withZone = _type!.TypeId is TypeId.TimestampTz or TypeId.TimestampTzNs;
                bool nanos = _type!.TypeId is TypeId.TimestampNs or TypeId.TimestampTzNs;
                return Add(LiteralText.TryParseTimestamp(NormalizeTimestamp(text.Trim()), withZone, nanos, out long ts), ts);
            case TypeId.String:
                AppendUtf8(text);
                return true;
            case TypeId.Uuid:
                if (!Guid.TryParse(text.Trim(), out Guid guid))
                {
                    return false;
                }

                Span<byte> uuid = stackalloc byte[16];
                guid.TryWriteBytes(uuid, bigEndian: true, out _);
                ((FixedBinaryVector)_vector).Append(uuid);
                return true;
            case TypeId.Binary or TypeId.Fixed:
                return TryAppendHex(text.Trim());
            default:
                return false;
        }
    }

    private bool Add<T>(bool parsed, T value)
        where T : unmanaged
    {
        if (parsed)
        {
            ((PrimitiveVector<T>)_vector).Append(value);
        }

        return parsed;
    }

    // A number too large for the type parses as infinity; only a spelled-out Infinity (no digits) may be one.
    private bool CheckFinite(bool finite, ReadOnlySpan<char> text, long line)
    {
        if (!finite && text.IndexOfAnyInRange('0', '9') >= 0)
        {
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                $"line {line}, column '{_field.Name}': '{Shorten(text)}' is out of range for {_type}.");
        }

        return true;
    }

    private bool TryAppendDecimal(ReadOnlySpan<char> text)
    {
        if (!LiteralText.TryParseDecimal(text, out Int128 unscaled, out int scale) || scale > _type!.Scale)
        {
            return false;
        }

        Int128 limit = 1;
        for (int p = 0; p < _type!.Precision; p++)
        {
            limit *= 10;
        }

        // Fewer fraction digits than the column's scale are exact: 12.5 in decimal(9,2) is 1250. Checking the bound
        // at every step keeps the multiplication from overflowing.
        Int128 scaled = unscaled;
        for (int s = scale; s <= _type!.Scale; s++)
        {
            if (Int128.Abs(scaled) >= limit)
            {
                return false;
            }

            if (s < _type!.Scale)
            {
                scaled *= 10;
            }
        }

        ((PrimitiveVector<Int128>)_vector).Append(scaled);
        return true;
    }

    private bool TryAppendHex(ReadOnlySpan<char> text)
    {
        if (text.Length % 2 != 0)
        {
            return false;
        }

        int length = text.Length / 2;
        if (_type!.TypeId == TypeId.Fixed && length != _type!.Length)
        {
            return false;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            if (Convert.FromHexString(text, rented, out _, out int written) != OperationStatus.Done)
            {
                return false;
            }

            if (_vector is FixedBinaryVector fixedVector)
            {
                fixedVector.Append(rented.AsSpan(0, written));
            }
            else
            {
                ((BinaryVector)_vector).Append(rented.AsSpan(0, written));
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Append has refused unpaired surrogates, so the encoder never substitutes U+FFFD here.
    private void AppendUtf8(ReadOnlySpan<char> text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, max));
        try
        {
            int written = Encoding.UTF8.GetBytes(text, rented);
            ((BinaryVector)_vector).Append(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Accepts a space between date and time, as CSV exports often write it.</summary>
    private static ReadOnlySpan<char> NormalizeTimestamp(ReadOnlySpan<char> text)
    {
        if (text.Length > 10 && text[10] == ' ')
        {
            char[] copy = text.ToArray();
            copy[10] = 'T';
            return copy;
        }

        return text;
    }

    private static string Shorten(ReadOnlySpan<char> text) => ErrorText.Excerpt(text, 40);
}
