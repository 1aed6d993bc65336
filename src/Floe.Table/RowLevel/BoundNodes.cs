using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Scanning.Execution;

namespace Floe.Table.RowLevel;

/// <summary>A value expression checked against a schema: every node knows its result type (null: an untyped null).</summary>
internal abstract record BoundValue(PrimitiveType? Type, string Text);

internal sealed record BoundColumn(FieldAccessor Field, PrimitiveType ColumnType, string Name) : BoundValue(ColumnType, Name);

internal sealed record BoundConstant(Literal Value, PrimitiveType? ConstantType, string ConstantText) : BoundValue(ConstantType, ConstantText);

internal sealed record BoundArithmetic(ArithmeticOperator Op, BoundValue Left, BoundValue Right, PrimitiveType? ResultType, string ArithmeticText)
    : BoundValue(ResultType, ArithmeticText);

internal sealed record BoundNegation(BoundValue Operand, string NegationText) : BoundValue(Operand.Type, NegationText);

internal sealed record BoundCast(BoundValue Operand, PrimitiveType Target, string CastText) : BoundValue(Target, CastText);

/// <summary>A row predicate checked against a schema.</summary>
internal abstract record BoundCondition;

internal sealed record BoundTruth(bool Value) : BoundCondition;

/// <summary>A comparison of two values converted to <paramref name="CompareType"/> (null when either side is an untyped null).</summary>
internal sealed record BoundComparison(ComparisonOperator Op, BoundValue Left, BoundValue Right, PrimitiveType? CompareType) : BoundCondition;

internal sealed record BoundNullTest(BoundValue Operand, bool Negated) : BoundCondition;

internal sealed record BoundStartsWith(BoundValue Operand, byte[] Prefix, bool Negated) : BoundCondition;

internal sealed record BoundAnd(BoundCondition Left, BoundCondition Right) : BoundCondition;

internal sealed record BoundOr(BoundCondition Left, BoundCondition Right) : BoundCondition;

internal sealed record BoundNot(BoundCondition Child) : BoundCondition;
