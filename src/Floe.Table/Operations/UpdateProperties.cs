using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>Sets and removes table properties; on retry the same edits apply to the fresh properties.</summary>
public sealed class UpdateProperties : MetadataChange
{
    private readonly Dictionary<string, string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    internal UpdateProperties(ITableOperations operations)
        : base(operations)
    {
    }

    public UpdateProperties Set(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_removed.Contains(key))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot set property '{key}': it is also being removed.");
        }

        _set[key] = value;
        return this;
    }

    public UpdateProperties Remove(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (_set.ContainsKey(key))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot remove property '{key}': it is also being set.");
        }

        _removed.Add(key);
        return this;
    }

    protected internal override TableMetadata Apply(TableMetadata current) =>
        TableMetadataBuilder.From(current).SetProperties(_set).RemoveProperties(_removed).Build();
}
