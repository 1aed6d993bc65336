using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Data.Reading;

/// <summary>Fills rows of a column a file does not have: its initial default, or nulls.</summary>
internal static class ColumnDefaults
{
    public static void Append(ColumnVector vector, NestedField field, int count, string path)
    {
        if (field.InitialDefault is Literal value && !value.IsNull && field.Type.IsPrimitive)
        {
            for (int i = 0; i < count; i++)
            {
                AppendLiteral(vector, value);
            }

            return;
        }

        if (field.IsRequired)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"required column '{path}' (id {field.Id}) is missing from the file and has no initial default");
        }

        for (int i = 0; i < count; i++)
        {
            vector.AppendNull();
        }
    }

    public static void AppendLiteral(ColumnVector vector, Literal value)
    {
        switch (vector)
        {
            case PrimitiveVector<bool> v: v.Append(value.AsBoolean()); break;
            case PrimitiveVector<int> v: v.Append(value.TypeId == TypeId.Date ? value.AsDateDays() : value.AsInt()); break;
            case PrimitiveVector<long> v: v.Append(value.AsLong()); break;
            case PrimitiveVector<float> v: v.Append(value.AsFloat()); break;
            case PrimitiveVector<double> v: v.Append(value.AsDouble()); break;
            case PrimitiveVector<Int128> v: v.Append(value.DecimalUnscaled); break;
            case BinaryVector v when value.TypeId == TypeId.String: v.Append(value.AsString()); break;
            case BinaryVector v: v.Append(value.AsBytes()); break;
            case FixedBinaryVector v: v.Append(value.AsBytes()); break;
            default: throw new FloeException(FloeErrorKind.Unsupported, $"no default of {value.TypeId} for a {vector.Type} column");
        }
    }
}
