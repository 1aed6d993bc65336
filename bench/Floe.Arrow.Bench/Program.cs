using System.Diagnostics;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Arrow;
using Floe.Arrow.Bench;
using Floe.Common.Columnar;

// Usage: Floe.Arrow.Bench [rows] [rounds]
// Times ColumnBatch → RecordBatch (buffers moved, booleans aside nothing copied), RecordBatch → ColumnBatch (copied a
// buffer at a time), and building the same RecordBatch from the same values with Apache.Arrow's array builders; the
// best of the rounds counts. Every conversion is checked against the source values first.
int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
double toArrow = double.MaxValue, toFloe = double.MaxValue, builders = double.MaxValue;
for (int round = 0; round < rounds; round++)
{
    using ColumnBatch source = Rows.Build(rows);
    GC.Collect();
    var clock = Stopwatch.StartNew();
    RecordBatch arrow = ArrowBatches.ToRecordBatch(source, Rows.Schema);
    toArrow = Math.Min(toArrow, clock.Elapsed.TotalMilliseconds);

    clock.Restart();
    using ColumnBatch back = ArrowBatches.ToColumnBatch(arrow, Rows.Schema);
    toFloe = Math.Min(toFloe, clock.Elapsed.TotalMilliseconds);

    clock.Restart();
    using RecordBatch built = BuildWithArrowBuilders(back);
    builders = Math.Min(builders, clock.Elapsed.TotalMilliseconds);

    if (round == 0 && (!Same(arrow, back, rows) || !SameArrow(arrow, built, rows)))
    {
        Console.Error.WriteLine("The conversions do not agree with the source rows.");
        return 1;
    }

    arrow.Dispose();
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows of (long, double, string, timestamptz, int with 10% nulls), best of {rounds}:"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ColumnBatch -> RecordBatch (Floe.Arrow)   {toArrow,10:F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  RecordBatch -> ColumnBatch (Floe.Arrow)   {toFloe,10:F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  RecordBatch from Arrow's builders         {builders,10:F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  builders / to-Arrow {builders / toArrow:F0}x, builders / to-Floe {builders / toFloe:F1}x"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"rows={rows} to_arrow_ms={toArrow:F2} to_floe_ms={toFloe:F2} arrow_builders_ms={builders:F2} builders_vs_to_arrow={builders / toArrow:F0} builders_vs_to_floe={builders / toFloe:F2}"));
return 0;

// The same record batch built value by value with Apache.Arrow's builders, the way a .NET caller without Floe.Arrow would.
static RecordBatch BuildWithArrowBuilders(ColumnBatch batch)
{
    int rows = batch.RowCount;
    var ids = new Int64Array.Builder().Reserve(rows).Append(((PrimitiveVector<long>)batch.Column(0)).Values).Build();
    var scores = new DoubleArray.Builder().Reserve(rows).Append(((PrimitiveVector<double>)batch.Column(1)).Values).Build();
    var names = (BinaryVector)batch.Column(2);
    var nameBuilder = new StringArray.Builder().Reserve(rows);
    for (int i = 0; i < rows; i++)
    {
        nameBuilder.Append(names.GetBytes(i));
    }

    var timeBuilder = new TimestampArray.Builder(new TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, "UTC")).Reserve(rows);
    foreach (long micros in ((PrimitiveVector<long>)batch.Column(3)).Values)
    {
        timeBuilder.Append(DateTimeOffset.UnixEpoch.AddTicks(micros * 10));
    }

    var quantities = (PrimitiveVector<int>)batch.Column(4);
    var qtyBuilder = new Int32Array.Builder().Reserve(rows);
    for (int i = 0; i < rows; i++)
    {
        if (quantities.IsNull(i))
        {
            qtyBuilder.AppendNull();
        }
        else
        {
            qtyBuilder.Append(quantities[i]);
        }
    }

    return new RecordBatch(ArrowSchemas.ToArrowSchema(Rows.Schema),
        [ids, scores, nameBuilder.Build(), timeBuilder.Build(), qtyBuilder.Build()], rows);
}

static bool Same(RecordBatch arrow, ColumnBatch floe, int rows)
{
    var ids = (Int64Array)arrow.Column(0);
    var names = (StringArray)arrow.Column(2);
    var times = (TimestampArray)arrow.Column(3);
    var qty = (Int32Array)arrow.Column(4);
    for (int i = 0; i < rows; i += 9_973)
    {
        if (ids.GetValue(i) != i || names.GetString(i) != ((BinaryVector)floe.Column(2)).GetString(i)
            || times.Values[i] != Rows.StartMicros + (i * 1_000L) || qty.IsNull(i) != (i % 10 == 9)
            || qty.IsNull(i) != floe.Column(4).IsNull(i) || ((PrimitiveVector<long>)floe.Column(0))[i] != i)
        {
            return false;
        }
    }

    return true;
}

static bool SameArrow(RecordBatch a, RecordBatch b, int rows)
{
    for (int i = 0; i < rows; i += 9_973)
    {
        if (((StringArray)a.Column(2)).GetString(i) != ((StringArray)b.Column(2)).GetString(i)
            || ((TimestampArray)a.Column(3)).Values[i] != ((TimestampArray)b.Column(3)).Values[i]
            || ((DoubleArray)a.Column(1)).GetValue(i) != ((DoubleArray)b.Column(1)).GetValue(i)
            || ((Int32Array)a.Column(4)).GetValue(i) != ((Int32Array)b.Column(4)).GetValue(i))
        {
            return false;
        }
    }

    return true;
}
