using System.Text;

namespace Floe.Core.Properties;

/// <summary>Renders <c>docs/table-properties.md</c> from <see cref="TablePropertyRegistry"/>.</summary>
public static class TablePropertyDocs
{
    public const string RelativePath = "docs/table-properties.md";

    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("# Table properties\n\n")
            .Append("Every table property Floe reads, with its default and the values it accepts. This page is generated from the\n")
            .Append("declarations in `src/Floe.Core/Properties/`; a test checks it (run the Floe.Core tests with\n")
            .Append("`FLOE_REGENERATE_DOCS=1` to rewrite it after changing a declaration).\n\n")
            .Append("A value a declaration refuses is rejected when a table is created or its properties are set, with an error naming\n")
            .Append("the key; keys Floe does not know are stored as given. Self-optimizing keys are also read with the older\n")
            .Append("`optimize.` prefix when the `self-optimizing.` one is absent.\n");
        foreach (var group in TablePropertyRegistry.All.GroupBy(p => p.Group))
        {
            text.Append("\n## ").Append(group.Key).Append("\n\n")
                .Append("| key | default | accepts | description |\n")
                .Append("|---|---|---|---|\n");
            foreach (var property in group)
            {
                string key = property.IsPrefix ? property.Key + "<column>" : property.Key;
                text.Append("| `").Append(key).Append("` | ").Append(Cell(property.DefaultText)).Append(" | ")
                    .Append(Cell(property.Allowed)).Append(" | ").Append(Cell(property.Description)).Append(" |\n");
            }
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
