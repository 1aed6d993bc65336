using System.Text;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Partitioning;

/// <summary>
/// How a table's rows map to partitions: an ordered list of <see cref="PartitionField"/>s with a spec id.
/// A spec holds ids only; <see cref="PartitionSpecBuilder"/> validates a spec against a schema.
/// </summary>
public sealed class PartitionSpec : IEquatable<PartitionSpec>
{
    /// <summary>Partition field ids start here; an unpartitioned table's last-partition-id is one less.</summary>
    public const int FirstFieldId = 1000;

    private readonly PartitionField[] _fields;

    public PartitionSpec(int specId, IEnumerable<PartitionField> fields)
    {
        SpecId = specId;
        _fields = [.. fields];
        var ids = new HashSet<int>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in _fields)
        {
            if (!ids.Add(field.FieldId))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid partition spec {specId}: field id {field.FieldId} is used twice.");
            }

            if (!names.Add(field.Name))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid partition spec {specId}: field name '{field.Name}' is used twice.");
            }
        }
    }

    /// <summary>The unpartitioned spec with id 0.</summary>
    public static PartitionSpec Unpartitioned { get; } = new(0, []);

    public int SpecId { get; }

    public IReadOnlyList<PartitionField> Fields => _fields;

    public bool IsUnpartitioned => _fields.All(f => f.Transform.IsVoid);

    /// <summary>The highest partition field id in this spec, or 999 when it has none.</summary>
    public int LastAssignedFieldId => _fields.Length == 0 ? FirstFieldId - 1 : _fields.Max(f => f.FieldId);

    public PartitionSpec WithSpecId(int specId) => new(specId, _fields);

    /// <summary>The struct of partition values (optional fields keyed by partition field id) for data files of this spec.</summary>
    /// <exception cref="FloeException">A source column is missing from <paramref name="schema"/> (kind InvalidArgument).</exception>
    public StructType PartitionType(Schema schema) => new(_fields.Select(f =>
    {
        var source = schema.FindType(f.SourceId);
        IcebergType result = source is null
            ? (f.Transform.IsVoid ? PrimitiveType.Int
                : throw new FloeException(FloeErrorKind.InvalidArgument, $"Partition field '{f.Name}' refers to missing source column {f.SourceId}."))
            : f.Transform.ResultType(source);
        return NestedField.Optional(f.FieldId, f.Name, result);
    }));

    /// <summary>
    /// The partition tuple of a row: each field's transform applied to its source value, which
    /// <paramref name="sourceValue"/> returns for a source field id.
    /// </summary>
    public PartitionData Partition(Func<int, Literal> sourceValue)
    {
        var data = new PartitionData(_fields.Length);
        for (int i = 0; i < _fields.Length; i++)
        {
            data[i] = _fields[i].Transform.Apply(sourceValue(_fields[i].SourceId));
        }

        return data;
    }

    public string PartitionPath(PartitionData data) => PartitionPath(data.Values);

    /// <summary>Same fields (ids, sources, names and transforms) regardless of spec id.</summary>
    public bool CompatibleWith(PartitionSpec other) => _fields.AsSpan().SequenceEqual(other._fields);

    /// <summary>
    /// The relative directory of a partition tuple, as Java writes it: <c>ts_day=2017-11-16/id_bucket=3</c>, with names and
    /// values URL-form-encoded.
    /// </summary>
    public string PartitionPath(ReadOnlySpan<Literal> values)
    {
        if (values.Length != _fields.Length)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Partition spec {SpecId} has {_fields.Length} fields but {values.Length} values were given.");
        }

        var sb = new StringBuilder();
        for (int i = 0; i < _fields.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('/');
            }

            UrlFormEncode(sb, _fields[i].Name);
            sb.Append('=');
            UrlFormEncode(sb, _fields[i].Transform.ToHumanString(values[i]));
        }

        return sb.ToString();
    }

    public bool Equals(PartitionSpec? other) => other is not null && other.SpecId == SpecId && CompatibleWith(other);

    public override bool Equals(object? obj) => obj is PartitionSpec other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(SpecId, _fields.Length);

    public override string ToString() => $"[{string.Join(", ", _fields.Select(f => f.ToString()))}]";

    /// <summary>application/x-www-form-urlencoded, like Java's URLEncoder: letters, digits and <c>.-*_</c> stay, space becomes '+'.</summary>
    private static void UrlFormEncode(StringBuilder sb, string text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            int v = rune.Value;
            if (v is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '*' or '_')
            {
                sb.Append((char)v);
            }
            else if (v == ' ')
            {
                sb.Append('+');
            }
            else
            {
                int n = rune.EncodeToUtf8(utf8);
                for (int i = 0; i < n; i++)
                {
                    sb.Append('%').Append(utf8[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
