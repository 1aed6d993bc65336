namespace Floe.Core.Manifests;

/// <summary>
/// What a manifest's files hold for one partition field (record <c>r508</c>): whether any value is null or NaN, and
/// the bounds of the other values in single-value binary form of the field's result type (null when there are none).
/// </summary>
public sealed class PartitionFieldSummary
{
    public required bool ContainsNull { get; init; }

    /// <summary>Whether any value is NaN; null when the writer did not say (older manifest lists).</summary>
    public bool? ContainsNan { get; init; }

    public byte[]? LowerBound { get; init; }

    public byte[]? UpperBound { get; init; }

    public override string ToString() =>
        $"null={ContainsNull} nan={ContainsNan?.ToString() ?? "?"} lower={Hex(LowerBound)} upper={Hex(UpperBound)}";

    private static string Hex(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexString(bytes);
}
