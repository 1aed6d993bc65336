namespace Floe.Avro.Binary;

/// <summary>Encodes one value of type <typeparamref name="T"/>; the container writer calls it for each record.</summary>
public interface IAvroDatumWriter<in T>
{
    void Write(AvroBufferWriter writer, T value);
}
