namespace Floe.Core.Expressions;

/// <summary>Pushes NOT down to the predicates (De Morgan), leaving an expression without <see cref="Not"/> nodes.</summary>
public static class RewriteNot
{
    public static Expression Rewrite(Expression expression) => expression switch
    {
        And and => Expr.And(Rewrite(and.Left), Rewrite(and.Right)),
        Or or => Expr.Or(Rewrite(or.Left), Rewrite(or.Right)),
        Not not => Rewrite(not.Child.Negate()),
        _ => expression,
    };
}
