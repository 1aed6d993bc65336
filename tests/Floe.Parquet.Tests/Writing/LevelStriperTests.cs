using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Writing.Levels;

namespace Floe.Parquet.Tests.Writing;

public sealed class LevelStriperTests
{
    [Fact]
    public void Flat_required_column_is_dense_without_levels()
    {
        var field = new ColumnField("id", ColumnType.Int64, Nullable: false);
        using var vector = new PrimitiveVector<long>(ColumnType.Int64);
        vector.AppendRange([1, 2, 3]);
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        striper.Stripe(field, vector, [], stripe);

        Assert.Equal(3, stripe.LevelCount);
        Assert.Equal(3, stripe.ValueCount);
        Assert.True(stripe.ValuesAreDense);
    }

    [Fact]
    public void Flat_optional_column_defines_present_rows()
    {
        var field = new ColumnField("v", ColumnType.Int32);
        using var vector = new PrimitiveVector<int>(ColumnType.Int32);
        vector.Append(5);
        vector.AppendNull();
        vector.Append(7);
        vector.AppendNull();
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        striper.Stripe(field, vector, [], stripe);

        Assert.Equal([1, 0, 1, 0], stripe.DefinitionLevels.ToArray());
        Assert.Equal([0, 2], stripe.ValueRows.ToArray());
        Assert.False(stripe.ValuesAreDense);
    }

    [Fact]
    public void Required_column_holding_a_null_is_rejected()
    {
        var field = new ColumnField("v", ColumnType.Int32, Nullable: false);
        using var vector = new PrimitiveVector<int>(ColumnType.Int32);
        vector.Append(1);
        vector.AppendNull();
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        var error = Assert.Throws<FloeException>(() => striper.Stripe(field, vector, [], stripe));
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_list_of_optional_ints_follows_dremel()
    {
        // [[1, null], null, [], [3]] with list and element optional: max def 3, max rep 1.
        var element = new ColumnField("element", ColumnType.Int32);
        var field = new ColumnField("xs", ColumnType.List(element));
        using var list = new ListVector(field.Type);
        var values = (PrimitiveVector<int>)list.Elements;
        values.Append(1);
        values.AppendNull();
        list.EndList();
        list.AppendNull();
        list.EndList();
        values.Append(3);
        list.EndList();
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        striper.Stripe(field, list, [0], stripe);

        Assert.Equal([3, 2, 0, 1, 3], stripe.DefinitionLevels.ToArray());
        Assert.Equal([0, 1, 0, 0, 0], stripe.RepetitionLevels.ToArray());
        Assert.Equal([0, 2], stripe.ValueRows.ToArray());
        Assert.Equal(4, stripe.RecordCount);
    }

    [Fact]
    public void Struct_nulls_at_each_level_give_their_definition_level()
    {
        // a: struct<b: struct<c: int>> all optional; rows: null, {b: null}, {b: {c: null}}, {b: {c: 9}}.
        var c = new ColumnField("c", ColumnType.Int32);
        var b = new ColumnField("b", ColumnType.Struct(c));
        var a = new ColumnField("a", ColumnType.Struct(b));
        using var vector = new StructVector(a.Type);
        var bVector = (StructVector)vector.Child(0);
        var cVector = (PrimitiveVector<int>)bVector.Child(0);
        vector.AppendNull();
        bVector.AppendNull();
        vector.AppendStruct();
        cVector.AppendNull();
        bVector.AppendStruct();
        vector.AppendStruct();
        cVector.Append(9);
        bVector.AppendStruct();
        vector.AppendStruct();
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        striper.Stripe(a, vector, [0, 0], stripe);

        Assert.Equal([0, 1, 2, 3], stripe.DefinitionLevels.ToArray());
        Assert.Equal([3], stripe.ValueRows.ToArray());
    }

    [Fact]
    public void Required_child_of_null_struct_is_accepted()
    {
        var c = new ColumnField("c", ColumnType.Int32, Nullable: false);
        var a = new ColumnField("a", ColumnType.Struct(c));
        using var vector = new StructVector(a.Type);
        vector.AppendNull();
        ((PrimitiveVector<int>)vector.Child(0)).Append(4);
        vector.AppendStruct();
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        striper.Stripe(a, vector, [0], stripe);

        Assert.Equal([0, 1], stripe.DefinitionLevels.ToArray());
        Assert.Equal([1], stripe.ValueRows.ToArray());
    }

    [Fact]
    public void Map_keys_and_values_stripe_with_shared_repetition()
    {
        // {a: 1, b: null}, null, {} with map optional, key required, value optional.
        var key = new ColumnField("key", ColumnType.String, Nullable: false);
        var value = new ColumnField("value", ColumnType.Int64);
        var field = new ColumnField("m", ColumnType.Map(key, value));
        using var map = new MapVector(field.Type);
        var keys = (BinaryVector)map.Keys;
        var vals = (PrimitiveVector<long>)map.Values;
        keys.Append("a");
        vals.Append(1);
        keys.Append("b");
        vals.AppendNull();
        map.EndMap();
        map.AppendNull();
        map.EndMap();
        using var striper = new LevelStriper();
        using var keyStripe = new LeafStripe();
        using var valueStripe = new LeafStripe();

        striper.Stripe(field, map, [0], keyStripe);
        striper.Stripe(field, map, [1], valueStripe);

        Assert.Equal([2, 2, 0, 1], keyStripe.DefinitionLevels.ToArray());
        Assert.Equal([0, 1, 0, 0], keyStripe.RepetitionLevels.ToArray());
        Assert.True(keyStripe.ValuesAreDense);
        Assert.Equal([3, 2, 0, 1], valueStripe.DefinitionLevels.ToArray());
        Assert.Equal([0, 1, 0, 0], valueStripe.RepetitionLevels.ToArray());
        Assert.Equal([0], valueStripe.ValueRows.ToArray());
    }

    [Fact]
    public void Map_keys_are_required_even_when_the_field_allows_nulls()
    {
        var field = new ColumnField("m", ColumnType.Map(new ColumnField("key", ColumnType.Int32), new ColumnField("value", ColumnType.Int32)));
        using var map = new MapVector(field.Type);
        ((PrimitiveVector<int>)map.Keys).Append(1);
        ((PrimitiveVector<int>)map.Values).Append(2);
        map.EndMap();
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        striper.Stripe(field, map, [0], stripe);
        Assert.Equal([2], stripe.DefinitionLevels.ToArray());

        map.Keys.AppendNull();
        ((PrimitiveVector<int>)map.Values).Append(3);
        map.EndMap();
        FloeException error = Assert.Throws<FloeException>(() => striper.Stripe(field, map, [0], stripe));
        Assert.Contains("m.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_of_lists_repeats_at_both_levels()
    {
        // [[1, 2], [3]], [[]] with everything required except the inner lists' emptiness.
        var inner = new ColumnField("element", ColumnType.Int32, Nullable: false);
        var innerList = new ColumnField("element", ColumnType.List(inner), Nullable: false);
        var field = new ColumnField("xss", ColumnType.List(innerList), Nullable: false);
        using var outer = new ListVector(field.Type);
        var lists = (ListVector)outer.Elements;
        var ints = (PrimitiveVector<int>)lists.Elements;
        ints.Append(1);
        ints.Append(2);
        lists.EndList();
        ints.Append(3);
        lists.EndList();
        outer.EndList();
        lists.EndList();
        outer.EndList();
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        striper.Stripe(field, outer, [0, 0], stripe);

        Assert.Equal([2, 2, 2, 1], stripe.DefinitionLevels.ToArray());
        Assert.Equal([0, 2, 1, 0], stripe.RepetitionLevels.ToArray());
        Assert.True(stripe.ValuesAreDense);
    }

    [Fact]
    public void List_of_structs_reaches_struct_fields()
    {
        // [{x: 1}, null], [] with element struct optional.
        var x = new ColumnField("x", ColumnType.Int32);
        var element = new ColumnField("element", ColumnType.Struct(x));
        var field = new ColumnField("items", ColumnType.List(element), Nullable: false);
        using var list = new ListVector(field.Type);
        var structs = (StructVector)list.Elements;
        ((PrimitiveVector<int>)structs.Child(0)).Append(1);
        structs.AppendStruct();
        structs.AppendNull();
        list.EndList();
        list.EndList();
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        striper.Stripe(field, list, [0, 0], stripe);

        Assert.Equal([3, 1, 0], stripe.DefinitionLevels.ToArray());
        Assert.Equal([0, 1, 0], stripe.RepetitionLevels.ToArray());
        Assert.Equal([0], stripe.ValueRows.ToArray());
    }

    [Fact]
    public void Wrong_path_is_rejected()
    {
        var field = new ColumnField("a", ColumnType.Struct(new ColumnField("c", ColumnType.Int32)));
        using var vector = new StructVector(field.Type);
        using var striper = new LevelStriper();
        using var stripe = new LeafStripe();

        Assert.Throws<ArgumentException>(() => striper.Stripe(field, vector, [1], stripe));
        Assert.Throws<ArgumentException>(() => striper.Stripe(field, vector, [0, 0], stripe));
    }
}
