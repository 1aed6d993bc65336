using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;

namespace Floe.Table.Scanning;

/// <summary>Binds a scan's row filter, which may mix predicates bound by the caller with unbound ones.</summary>
internal static class ScanFilters
{
    public static Expression Bind(Schema schema, Expression filter, bool caseSensitive) => filter switch
    {
        And and => Expr.And(Bind(schema, and.Left, caseSensitive), Bind(schema, and.Right, caseSensitive)),
        Or or => Expr.Or(Bind(schema, or.Left, caseSensitive), Bind(schema, or.Right, caseSensitive)),
        Not not => Expr.Not(Bind(schema, not.Child, caseSensitive)),
        BoundPredicate bound => schema.FindField(bound.Ref.FieldId) is not null
            ? bound
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"Filter {bound} refers to field id {bound.Ref.FieldId}, which schema {schema.SchemaId} does not have."),
        _ => Binder.Bind(schema, filter, caseSensitive),
    };
}
