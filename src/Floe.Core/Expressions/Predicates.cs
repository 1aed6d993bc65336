using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Expressions;

/// <summary>A predicate on a column named by a (dotted) name, not yet checked against a schema.</summary>
public sealed class UnboundPredicate : Expression
{
    internal UnboundPredicate(Operation op, string column, IReadOnlyList<Literal> literals)
    {
        Op = op;
        Column = column;
        Literals = literals;
    }

    public override Operation Op { get; }

    public string Column { get; }

    /// <summary>No literal for unary predicates, one for comparisons, any number for in / not in.</summary>
    public IReadOnlyList<Literal> Literals { get; }

    public Literal Literal => Literals[0];

    public override Expression Negate() => new UnboundPredicate(Op.Negate(), Column, Literals);

    public override string ToString() => PredicateText.Format(Op, Column, Literals);
}

/// <summary>A column of a schema that a predicate reads: its field id, full name and type.</summary>
public sealed record BoundReference(int FieldId, string Name, PrimitiveType Type, bool IsRequired);

/// <summary>A predicate bound to a field id, with literals converted to the field's type.</summary>
public sealed class BoundPredicate : Expression
{
    internal BoundPredicate(Operation op, BoundReference reference, IReadOnlyList<Literal> literals)
    {
        Op = op;
        Ref = reference;
        Literals = literals;
    }

    public override Operation Op { get; }

    public BoundReference Ref { get; }

    public IReadOnlyList<Literal> Literals { get; }

    public Literal Literal => Literals[0];

    public override Expression Negate() => new BoundPredicate(Op.Negate(), Ref, Literals);

    public override string ToString() => PredicateText.Format(Op, $"ref(id={Ref.FieldId}, name={Ref.Name})", Literals);
}

internal static class PredicateText
{
    public static string Format(Operation op, string column, IReadOnlyList<Literal> literals) => op switch
    {
        _ when op.IsUnary() => $"{column} {op.Symbol()}",
        _ when op.IsSet() => $"{column} {op.Symbol()} ({string.Join(", ", literals.Select(Quote))})",
        _ => $"{column} {op.Symbol()} {Quote(literals[0])}",
    };

    private static string Quote(Literal value) => !value.IsNull && value.TypeId == TypeId.String ? $"\"{value}\"" : value.ToString();
}
