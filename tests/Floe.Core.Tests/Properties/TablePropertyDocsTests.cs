using Floe.Core.Properties;

namespace Floe.Core.Tests.Properties;

public sealed class TablePropertyDocsTests
{
    [Fact]
    public void The_committed_page_matches_the_declarations()
    {
        string path = Path.Combine(RepositoryRoot(), TablePropertyDocs.RelativePath);
        string rendered = TablePropertyDocs.Render();
        if (Environment.GetEnvironmentVariable("FLOE_REGENERATE_DOCS") == "1")
        {
            File.WriteAllText(path, rendered);
        }

        string committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(
            committed == rendered,
            $"{TablePropertyDocs.RelativePath} is out of date with the declarations in src/Floe.Core/Properties; run the Floe.Core tests with FLOE_REGENERATE_DOCS=1 to rewrite it.");
    }

    [Fact]
    public void The_page_lists_every_key_once()
    {
        string rendered = TablePropertyDocs.Render();
        foreach (var property in TablePropertyRegistry.All)
        {
            string cell = property.IsPrefix ? $"| `{property.Key}<column>` |" : $"| `{property.Key}` |";
            int first = rendered.IndexOf(cell, StringComparison.Ordinal);
            Assert.True(first >= 0, $"{property.Key} is missing from the page");
            Assert.Equal(-1, rendered.IndexOf(cell, first + 1, StringComparison.Ordinal));
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Floe.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Floe.slnx above {AppContext.BaseDirectory}.");
    }
}
