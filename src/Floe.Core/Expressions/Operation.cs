namespace Floe.Core.Expressions;

/// <summary>What an expression node does.</summary>
public enum Operation
{
    True,
    False,
    IsNull,
    NotNull,
    IsNaN,
    NotNaN,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Equal,
    NotEqual,
    In,
    NotIn,
    StartsWith,
    NotStartsWith,
    Not,
    And,
    Or,
}

internal static class OperationExtensions
{
    /// <summary>The operation whose result is the opposite for every input.</summary>
    public static Operation Negate(this Operation op) => op switch
    {
        Operation.True => Operation.False,
        Operation.False => Operation.True,
        Operation.IsNull => Operation.NotNull,
        Operation.NotNull => Operation.IsNull,
        Operation.IsNaN => Operation.NotNaN,
        Operation.NotNaN => Operation.IsNaN,
        Operation.LessThan => Operation.GreaterThanOrEqual,
        Operation.LessThanOrEqual => Operation.GreaterThan,
        Operation.GreaterThan => Operation.LessThanOrEqual,
        Operation.GreaterThanOrEqual => Operation.LessThan,
        Operation.Equal => Operation.NotEqual,
        Operation.NotEqual => Operation.Equal,
        Operation.In => Operation.NotIn,
        Operation.NotIn => Operation.In,
        Operation.StartsWith => Operation.NotStartsWith,
        Operation.NotStartsWith => Operation.StartsWith,
        _ => throw new InvalidOperationException($"{op} has no negation."),
    };

    public static bool IsUnary(this Operation op) => op is Operation.IsNull or Operation.NotNull or Operation.IsNaN or Operation.NotNaN;

    public static bool IsSet(this Operation op) => op is Operation.In or Operation.NotIn;

    public static string Symbol(this Operation op) => op switch
    {
        Operation.LessThan => "<",
        Operation.LessThanOrEqual => "<=",
        Operation.GreaterThan => ">",
        Operation.GreaterThanOrEqual => ">=",
        Operation.Equal => "==",
        Operation.NotEqual => "!=",
        Operation.In => "in",
        Operation.NotIn => "not in",
        Operation.StartsWith => "startsWith",
        Operation.NotStartsWith => "notStartsWith",
        Operation.IsNull => "is null",
        Operation.NotNull => "is not null",
        Operation.IsNaN => "is nan",
        Operation.NotNaN => "is not nan",
        _ => op.ToString(),
    };
}
