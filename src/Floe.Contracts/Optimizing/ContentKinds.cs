namespace Floe.Contracts.Optimizing;

/// <summary>The values of <see cref="ContentFileMessage.Content"/>.</summary>
public static class ContentKinds
{
    public const string Data = "data";

    public const string PositionDeletes = "position-deletes";

    public const string EqualityDeletes = "equality-deletes";
}
