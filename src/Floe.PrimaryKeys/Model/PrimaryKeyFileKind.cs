namespace Floe.PrimaryKeys.Model;

/// <summary>What a file of a primary-key table holds, as the kind code in its name says.</summary>
public enum PrimaryKeyFileKind
{
    /// <summary><c>I</c>: change rows that insert (I and UA).</summary>
    Insert,

    /// <summary><c>ED</c>: change rows that delete (D and UB), full rows.</summary>
    EqualityDelete,

    /// <summary><c>B</c>: base rows.</summary>
    Base,

    /// <summary><c>PD</c>: position deletes of base rows.</summary>
    PositionDelete,
}
