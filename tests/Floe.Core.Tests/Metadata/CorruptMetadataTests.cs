using System.Text;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Schemas;

namespace Floe.Core.Tests.Metadata;

public sealed class CorruptMetadataTests
{
    /// <summary>
    /// Damaged metadata (truncated, bytes flipped, tokens swapped) must fail with a FloeException or parse into valid
    /// metadata, never with another exception type.
    /// </summary>
    [Fact]
    public void Random_damage_only_ever_raises_floe_exception()
    {
        var random = new Random(20261121);
        byte[][] originals = [.. Fixtures.MetadataFiles().Take(6).Select(File.ReadAllBytes), Encoding.UTF8.GetBytes(TableMetadataParserTests.MinimalV2)];
        byte[] replacements = Encoding.ASCII.GetBytes("{}[]\",:0-9.eE nulltruefalse\\\u00ff");
        for (int i = 0; i < 600; i++)
        {
            byte[] data = (byte[])originals[random.Next(originals.Length)].Clone();
            switch (random.Next(3))
            {
                case 0:
                    data = data[..random.Next(data.Length)];
                    break;
                case 1:
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        data[random.Next(data.Length)] = replacements[random.Next(replacements.Length)];
                    }

                    break;
                default:
                    int at = random.Next(data.Length - 8);
                    Array.Copy(data, random.Next(data.Length - 8), data, at, 8);
                    break;
            }

            try
            {
                var metadata = TableMetadataParser.Parse(data);
                TableMetadataWriter.ToJson(metadata);
            }
            catch (FloeException)
            {
                // Expected for most damage.
            }
        }
    }

    [Fact]
    public void Deeply_nested_types_fail_cleanly()
    {
        string json = """{"type":"struct","fields":[{"id":1,"name":"a","required":true,"type":""" +
            string.Concat(Enumerable.Repeat("""{"type":"list","element-id":2,"element-required":true,"element":""", 200)) + "\"int\"" +
            new string('}', 200) + "}]}";

        var error = Assert.Throws<FloeException>(() => SchemaJson.Parse(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
    }
}
