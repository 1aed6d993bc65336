using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Schemas;

/// <summary>
/// Identifier fields must be required primitive fields that are not float or double, and may only be nested in
/// required structs (never in a list, a map or an optional struct).
/// </summary>
internal static class IdentifierFieldRules
{
    public static void Validate(int id, SchemaIndex index)
    {
        var field = index.Field(id)
            ?? throw Fail(id, "field does not exist");
        string name = index.Name(id)!;
        if (!field.Type.IsPrimitive)
        {
            throw Fail(name, $"not a primitive type field ({field.Type})");
        }

        if (!field.IsRequired)
        {
            throw Fail(name, "not a required field");
        }

        if (field.Type.TypeId is TypeId.Float or TypeId.Double)
        {
            throw Fail(name, $"must not be float or double");
        }

        for (int? parentId = index.ParentId(id); parentId is int p; parentId = index.ParentId(p))
        {
            var parent = index.Field(p)!;
            if (parent.Type is not StructType)
            {
                throw Fail(name, $"must not be nested in {parent.Type.TypeId.ToString().ToLowerInvariant()} '{index.Name(p)}'");
            }

            if (!parent.IsRequired)
            {
                throw Fail(name, $"must not be nested in optional struct '{index.Name(p)}'");
            }
        }
    }

    private static FloeException Fail(object field, string reason) =>
        new(FloeErrorKind.InvalidArgument, $"Cannot use field {(field is string s ? $"'{s}'" : field)} as an identifier field: {reason}.");
}
