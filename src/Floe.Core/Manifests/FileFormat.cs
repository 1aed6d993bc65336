namespace Floe.Core.Manifests;

/// <summary>The format of a data or delete file (the <c>file_format</c> field, id 101).</summary>
public enum FileFormat
{
    Avro,
    Orc,
    Parquet,

    /// <summary>Puffin files hold deletion vectors (format v3).</summary>
    Puffin,
}
