namespace Floe.Avro.Resolution;

/// <summary>What an <see cref="AvroReadPlan"/> node does with the writer's data.</summary>
public enum AvroReadAction
{
    /// <summary>A null: nothing to read.</summary>
    Null,
    Boolean,

    /// <summary>An int (the writer wrote an int).</summary>
    Int,

    /// <summary>A long (the writer wrote an int or a long).</summary>
    Long,

    /// <summary>A float (the writer wrote an int, long or float).</summary>
    Float,

    /// <summary>A double (the writer wrote an int, long, float or double).</summary>
    Double,

    /// <summary>Bytes (the writer wrote bytes or a string).</summary>
    Bytes,

    /// <summary>A string (the writer wrote a string or bytes).</summary>
    String,
    Fixed,
    Enum,
    Record,
    Array,
    Map,

    /// <summary>The writer wrote a union: read the branch index, then the branch's plan.</summary>
    WriterUnion,

    /// <summary>The reader expects a union, the writer wrote one of its branches.</summary>
    ReaderUnion,

    /// <summary>The writer's data cannot be read as the reader's type; raises when such data is met.</summary>
    Error,
}
