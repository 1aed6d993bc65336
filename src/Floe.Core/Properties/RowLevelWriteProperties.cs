namespace Floe.Core.Properties;

/// <summary>How row-level deletes and updates change files, and which concurrent commits they tolerate (Spark's names).</summary>
public static class RowLevelWriteProperties
{
    public const string Group = "Row-level changes";
    public const string MergeOnRead = "merge-on-read";
    public const string CopyOnWrite = "copy-on-write";
    public const string Serializable = "serializable";
    public const string Snapshot = "snapshot";

    public static readonly ChoiceProperty DeleteMode = new(
        "write.delete.mode", MergeOnRead, Group, "Whether a delete writes position deletes or rewrites the data files.", MergeOnRead, CopyOnWrite);

    public static readonly ChoiceProperty UpdateMode = new(
        "write.update.mode", MergeOnRead, Group, "Whether an update writes position deletes or rewrites the data files.", MergeOnRead, CopyOnWrite);

    public static readonly ChoiceProperty DeleteIsolationLevel = new(
        "write.delete.isolation-level", Serializable, Group, "Whether a delete also fails on data files added concurrently (serializable).", Serializable, Snapshot);

    public static readonly ChoiceProperty UpdateIsolationLevel = new(
        "write.update.isolation-level", Serializable, Group, "Whether an update also fails on data files added concurrently (serializable).", Serializable, Snapshot);
}
