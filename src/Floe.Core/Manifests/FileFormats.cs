using System.Text;
using Floe.Common.Errors;

namespace Floe.Core.Manifests;

/// <summary>Names of <see cref="FileFormat"/> as manifests store them.</summary>
public static class FileFormats
{
    /// <summary>The name Java writes: upper case (<c>PARQUET</c>).</summary>
    public static string ToName(FileFormat format) => format switch
    {
        FileFormat.Avro => "AVRO",
        FileFormat.Orc => "ORC",
        FileFormat.Parquet => "PARQUET",
        FileFormat.Puffin => "PUFFIN",
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Unknown file format {(int)format}."),
    };

    /// <summary>Parses a stored name, ignoring case (the spec writes lower case, Java upper case).</summary>
    public static FileFormat Parse(string name) =>
        TryParse(name, out FileFormat format)
            ? format
            : throw new FloeException(FloeErrorKind.InvalidData, $"Unknown file format '{name}': expected avro, orc, parquet or puffin.");

    public static bool TryParse(string name, out FileFormat format)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals("parquet", StringComparison.OrdinalIgnoreCase))
        {
            format = FileFormat.Parquet;
        }
        else if (name.Equals("avro", StringComparison.OrdinalIgnoreCase))
        {
            format = FileFormat.Avro;
        }
        else if (name.Equals("orc", StringComparison.OrdinalIgnoreCase))
        {
            format = FileFormat.Orc;
        }
        else if (name.Equals("puffin", StringComparison.OrdinalIgnoreCase))
        {
            format = FileFormat.Puffin;
        }
        else
        {
            format = default;
            return false;
        }

        return true;
    }

    /// <summary>Parses a stored name from its UTF-8 bytes, ignoring case, without allocating (manifest decoding).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out FileFormat format)
    {
        format = utf8.Length switch
        {
            7 when Ascii.EqualsIgnoreCase(utf8, "parquet"u8) => FileFormat.Parquet,
            4 when Ascii.EqualsIgnoreCase(utf8, "avro"u8) => FileFormat.Avro,
            3 when Ascii.EqualsIgnoreCase(utf8, "orc"u8) => FileFormat.Orc,
            6 when Ascii.EqualsIgnoreCase(utf8, "puffin"u8) => FileFormat.Puffin,
            _ => (FileFormat)(-1),
        };
        bool known = (int)format >= 0;
        format = known ? format : default;
        return known;
    }

    /// <summary>The format a file name's extension names (<c>.parquet</c>, <c>.avro</c>, <c>.orc</c>, <c>.puffin</c>).</summary>
    public static FileFormat FromFileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int dot = path.LastIndexOf('.');
        int slash = path.LastIndexOf('/');
        if (dot > slash && TryParse(path[(dot + 1)..], out FileFormat format))
        {
            return format;
        }

        throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot tell the file format of '{path}' from its extension.");
    }
}
