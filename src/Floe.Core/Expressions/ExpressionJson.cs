using System.Text;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Values;

namespace Floe.Core.Expressions;

/// <summary>
/// The REST catalog's expression JSON: <c>true</c>/<c>false</c>, <c>{"type":"and","left":..,"right":..}</c>,
/// <c>{"type":"not","child":..}</c>, <c>{"type":"is-null","term":"col"}</c>, <c>{"type":"lt","term":"col","value":5}</c>,
/// <c>{"type":"in","term":"col","values":[1,2]}</c>. Values read back as unbound literals (integers as long, other
/// numbers as decimal or double, strings as strings); binding converts them to the column types.
/// </summary>
public static class ExpressionJson
{
    public static string ToJson(Expression expression) => JsonOut.ToString(w => Write(w, expression), indented: false);

    public static Expression Parse(string json) => JsonIn.Parse(json, "expression", Read);

    public static void Write(Utf8JsonWriter writer, Expression expression)
    {
        switch (expression)
        {
            case TrueExpression:
                writer.WriteBooleanValue(true);
                break;
            case FalseExpression:
                writer.WriteBooleanValue(false);
                break;
            case And and:
                WriteBinary(writer, "and", and.Left, and.Right);
                break;
            case Or or:
                WriteBinary(writer, "or", or.Left, or.Right);
                break;
            case Not not:
                writer.WriteStartObject();
                writer.WriteString("type", "not");
                writer.WritePropertyName("child");
                Write(writer, not.Child);
                writer.WriteEndObject();
                break;
            case UnboundPredicate p:
                WritePredicate(writer, p.Op, p.Column, p.Literals);
                break;
            case BoundPredicate p:
                WritePredicate(writer, p.Op, p.Ref.Name, p.Literals);
                break;
        }
    }

    internal static Expression Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return Expression.True;
            case JsonTokenType.False:
                return Expression.False;
            default:
                break;
        }

        JsonIn.ExpectStartObject(ref reader, "An expression");
        string? type = null, term = null;
        Expression? left = null, right = null, child = null;
        Literal? value = null;
        List<Literal>? values = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "type": type = JsonIn.String(ref reader, name); break;
                case "left": left = Read(ref reader); break;
                case "right": right = Read(ref reader); break;
                case "child": child = Read(ref reader); break;
                case "term": term = ReadTerm(ref reader); break;
                case "value": value = ReadValue(ref reader); break;
                case "values":
                    JsonIn.ExpectStartArray(ref reader, "'values'");
                    values = [];
                    while (JsonIn.NextElement(ref reader))
                    {
                        values.Add(ReadValue(ref reader));
                    }

                    break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        string kind = type ?? throw JsonIn.Missing("type", "expression");
        string what = $"{kind} expression";
        switch (kind)
        {
            case "true": return Expression.True;
            case "false": return Expression.False;
            case "and": return Expr.And(left ?? throw JsonIn.Missing("left", what), right ?? throw JsonIn.Missing("right", what));
            case "or": return Expr.Or(left ?? throw JsonIn.Missing("left", what), right ?? throw JsonIn.Missing("right", what));
            case "not": return Expr.Not(child ?? throw JsonIn.Missing("child", what));
            default: break;
        }

        var op = OperationOf(kind);
        string column = term ?? throw JsonIn.Missing("term", what);
        if (op.IsUnary())
        {
            return Expr.Predicate(op, column);
        }

        if (op.IsSet())
        {
            return Expr.Predicate(op, column, values ?? throw JsonIn.Missing("values", what));
        }

        return Expr.Predicate(op, column, value ?? throw JsonIn.Missing("value", what));
    }

    private static void WriteBinary(Utf8JsonWriter writer, string type, Expression left, Expression right)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WritePropertyName("left");
        Write(writer, left);
        writer.WritePropertyName("right");
        Write(writer, right);
        writer.WriteEndObject();
    }

    private static void WritePredicate(Utf8JsonWriter writer, Operation op, string column, IReadOnlyList<Literal> literals)
    {
        writer.WriteStartObject();
        writer.WriteString("type", NameOf(op));
        writer.WriteString("term", column);
        if (op.IsSet())
        {
            writer.WriteStartArray("values");
            foreach (var literal in literals)
            {
                SingleValueJson.Write(writer, literal);
            }

            writer.WriteEndArray();
        }
        else if (!op.IsUnary())
        {
            writer.WritePropertyName("value");
            SingleValueJson.Write(writer, literals[0]);
        }

        writer.WriteEndObject();
    }

    private static string ReadTerm(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        JsonIn.ExpectStartObject(ref reader, "A term");
        string? type = null, term = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "type": type = JsonIn.String(ref reader, name); break;
                case "term": term = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; JsonIn.Skip(ref reader); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        return type == "reference" && term is not null
            ? term
            : throw new FloeException(FloeErrorKind.Unsupported, $"Expression terms of type '{type}' are not supported; only column references are.");
    }

    private static Literal ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return Literal.Of(true);
            case JsonTokenType.False: return Literal.Of(false);
            case JsonTokenType.String: return Literal.Of(reader.GetString()!);
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out long integer))
                {
                    return Literal.Of(integer);
                }

                string text = Encoding.UTF8.GetString(reader.ValueSpan);
                if (LiteralText.TryParseDecimal(text, out var unscaled, out int scale))
                {
                    return Literal.OfDecimal(unscaled, scale);
                }

                return Literal.Of(JsonIn.Double(ref reader, "value"));
            default:
                throw JsonIn.Error(ref reader, "An expression value must be a string, number or boolean");
        }
    }

    private static string NameOf(Operation op) => op switch
    {
        Operation.IsNull => "is-null",
        Operation.NotNull => "not-null",
        Operation.IsNaN => "is-nan",
        Operation.NotNaN => "not-nan",
        Operation.LessThan => "lt",
        Operation.LessThanOrEqual => "lt-eq",
        Operation.GreaterThan => "gt",
        Operation.GreaterThanOrEqual => "gt-eq",
        Operation.Equal => "eq",
        Operation.NotEqual => "not-eq",
        Operation.StartsWith => "starts-with",
        Operation.NotStartsWith => "not-starts-with",
        Operation.In => "in",
        Operation.NotIn => "not-in",
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"{op} is not a predicate."),
    };

    private static Operation OperationOf(string name) => name switch
    {
        "is-null" => Operation.IsNull,
        "not-null" => Operation.NotNull,
        "is-nan" => Operation.IsNaN,
        "not-nan" => Operation.NotNaN,
        "lt" => Operation.LessThan,
        "lt-eq" => Operation.LessThanOrEqual,
        "gt" => Operation.GreaterThan,
        "gt-eq" => Operation.GreaterThanOrEqual,
        "eq" => Operation.Equal,
        "not-eq" => Operation.NotEqual,
        "starts-with" => Operation.StartsWith,
        "not-starts-with" => Operation.NotStartsWith,
        "in" => Operation.In,
        "not-in" => Operation.NotIn,
        _ => throw new FloeException(FloeErrorKind.InvalidData, $"Unknown expression type '{name}'."),
    };
}
