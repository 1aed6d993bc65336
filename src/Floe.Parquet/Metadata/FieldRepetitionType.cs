namespace Floe.Parquet.Metadata;

/// <summary>Whether a schema element occurs exactly once, at most once, or any number of times.</summary>
public enum FieldRepetitionType
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}
