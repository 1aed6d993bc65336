namespace Floe.Avro.Binary;

/// <summary>Decodes one value of type <typeparamref name="T"/> per call; the container reader calls it for each record.</summary>
public interface IAvroDatumReader<out T>
{
    T Read(ref AvroBinaryReader reader);
}
