using System.Diagnostics.CodeAnalysis;
using Floe.Common.Errors;

namespace Floe.Avro;

/// <summary>Avro data or a schema does not follow the Avro specification; the message says what and where.</summary>
public sealed class AvroException : FloeException
{
    public AvroException(string message)
        : base(FloeErrorKind.InvalidData, message)
    {
    }

    public AvroException(string message, Exception innerException)
        : base(FloeErrorKind.InvalidData, message, innerException)
    {
    }

    /// <summary>An Avro error of another kind (a value that does not fit its schema is <see cref="FloeErrorKind.InvalidArgument"/>).</summary>
    public AvroException(FloeErrorKind kind, string message)
        : base(kind, message)
    {
    }

    public AvroException()
        : base(FloeErrorKind.InvalidData, "Invalid Avro data.")
    {
    }

    [DoesNotReturn]
    internal static void Throw(string message) => throw new AvroException(message);
}
