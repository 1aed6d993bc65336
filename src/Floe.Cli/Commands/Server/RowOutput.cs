using System.Text.Json;
using Floe.Cli.Output;

namespace Floe.Cli.Commands.Server;

/// <summary>Prints string rows as a text table or as JSON lines.</summary>
internal static class RowOutput
{
    public static async Task WriteAsync(TextWriter output, OutputFormat format, string[] header, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (format == OutputFormat.Table)
        {
            new TextTableWriter(output, header).Write(rows);
            return;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (IReadOnlyList<string> row in rows)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                for (int i = 0; i < header.Length; i++)
                {
                    json.WriteString(header[i], row[i]);
                }

                json.WriteEndObject();
            }

            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
        }
    }
}
