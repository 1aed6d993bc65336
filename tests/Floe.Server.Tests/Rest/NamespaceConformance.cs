using System.Net;
using System.Text.Json;

namespace Floe.Server.Tests.Rest;

/// <summary>The namespace routes and every error they document.</summary>
public abstract class NamespaceConformance<TBackend>(TBackend backend) : ConformanceBase<TBackend>(backend)
    where TBackend : RestBackend
{
    [Fact]
    public async Task Create_returns_namespace_and_properties_and_load_reads_them_back()
    {
        string name = UniqueName();
        var created = (await Client.PostAsync("v1/namespaces", $$$"""{"namespace":["{{{name}}}"],"properties":{"owner":"ana","purpose":"tests"}}"""))
            .Is(HttpStatusCode.OK);
        Assert.Equal("application/json", created.ContentType);
        Assert.Equal(name, created.Json.GetProperty("namespace")[0].GetString());
        Assert.Equal("ana", created.Json.GetProperty("properties").GetProperty("owner").GetString());

        var loaded = (await Client.GetAsync($"v1/namespaces/{name}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(name, loaded.GetProperty("namespace")[0].GetString());
        Assert.Equal("tests", loaded.GetProperty("properties").GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task Creating_an_existing_namespace_is_409_AlreadyExists()
    {
        string name = UniqueName();
        await CreateNamespaceAsync(name);
        (await Client.PostAsync("v1/namespaces", $$"""{"namespace":["{{name}}"]}""")).IsError(HttpStatusCode.Conflict, "AlreadyExistsException");
    }

    [Fact]
    public async Task Creating_below_a_missing_parent_is_404_NoSuchNamespace()
    {
        (await Client.PostAsync("v1/namespaces", $$"""{"namespace":["{{UniqueName()}}","child"]}"""))
            .IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Theory]
    [InlineData("""{"properties":{}}""", "namespace")]
    [InlineData("""{"namespace":"flat"}""", "namespace")]
    [InlineData("""{"namespace":[]}""", "namespace")]
    [InlineData("""{"namespace":["ok"],"properties":{"a":1}}""", "properties.a")]
    [InlineData("""{"namespace":["../escape"]}""", "escape")]
    [InlineData("""{"namespace":[".hidden"]}""", ".hidden")]
    public async Task A_bad_create_request_is_400_naming_the_problem(string body, string named)
    {
        var reply = (await Client.PostAsync("v1/namespaces", body)).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(named, reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%2e%2e", "'..'")]
    [InlineData("a%2Fb", "U+002F")]
    [InlineData(" ", "dots and spaces")]
    [InlineData("a\u202Eb", "U+202E")]
    [InlineData("a\u200Bb", "U+200B")]
    [InlineData("a\u0085b", "U+0085")]
    public async Task A_hidden_or_encoded_name_is_400_naming_the_character(string escaped, string named)
    {
        string level = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var reply = (await Client.PostAsync("v1/namespaces", $$"""{"namespace":{{NamespaceJson(UniqueName(), level)}}}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(named, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("namespace level", reply.ErrorMessage, StringComparison.Ordinal);

        string ns = await CreateNamespaceAsync(UniqueName());
        var table = (await Client.PostAsync($"v1/namespaces/{ns}/tables", $$"""{"name":{{Quote(level)}},"schema":{{SchemaJson}}}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(named, table.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("table name", table.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%252e%252e", "'..'")]
    [InlineData("a%2Fb", "U+002F")]
    [InlineData("a%E2%80%AEb", "U+202E")]
    [InlineData("a%E2%81%A0b", "U+2060")]
    [InlineData("%20", "dots and spaces")]
    public async Task A_hidden_or_encoded_name_in_the_path_is_400_naming_the_character(string segment, string named)
    {
        var reply = (await Client.GetAsync($"v1/namespaces/{segment}")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(named, reply.ErrorMessage, StringComparison.Ordinal);

        string ns = await CreateNamespaceAsync(UniqueName());
        var table = (await Client.GetAsync($"v1/namespaces/{ns}/tables/{segment}")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(named, table.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_with_the_parser_message()
    {
        var reply = (await Client.PostAsync("v1/namespaces", """{"namespace":["x"]""")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("Malformed", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_namespaces_use_the_unit_separator_and_list_by_parent()
    {
        string root = UniqueName();
        await CreateNamespaceAsync(root);
        await CreateNamespaceAsync(root, "b");
        await CreateNamespaceAsync(root, "a");
        (await Client.HeadAsync($"v1/namespaces/{RestTestClient.Ns(root, "a")}")).Is(HttpStatusCode.NoContent);

        var children = (await Client.GetAsync($"v1/namespaces?parent={root}")).Is(HttpStatusCode.OK).Json.GetProperty("namespaces");
        Assert.Equal(
            [$"{root}.a", $"{root}.b"],
            children.EnumerateArray().Select(n => string.Join('.', n.EnumerateArray().Select(l => l.GetString()!))));

        var top = (await Client.GetAsync("v1/namespaces")).Is(HttpStatusCode.OK).Json;
        Assert.Contains(top.GetProperty("namespaces").EnumerateArray(), n => n.GetArrayLength() == 1 && n[0].GetString() == root);
        Assert.False(top.TryGetProperty("next-page-token", out _));
    }

    [Fact]
    public async Task Listing_below_a_missing_parent_is_404_NoSuchNamespace()
    {
        (await Client.GetAsync($"v1/namespaces?parent={UniqueName()}")).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Fact]
    public async Task Paging_walks_every_namespace_once_with_page_tokens()
    {
        string root = UniqueName();
        await CreateNamespaceAsync(root);
        string[] names = ["c", "a", "e", "b", "d"];
        foreach (string name in names)
        {
            await CreateNamespaceAsync(root, name);
        }

        var seen = new List<string>();
        string token = "";
        int pages = 0;
        while (true)
        {
            var page = (await Client.GetAsync($"v1/namespaces?parent={root}&pageSize=2&pageToken={Uri.EscapeDataString(token)}")).Is(HttpStatusCode.OK).Json;
            var items = page.GetProperty("namespaces").EnumerateArray().Select(n => n[1].GetString()!).ToList();
            Assert.True(items.Count <= 2);
            seen.AddRange(items);
            pages++;
            if (!page.TryGetProperty("next-page-token", out var next) || next.ValueKind == JsonValueKind.Null)
            {
                break;
            }

            token = next.GetString()!;
        }

        Assert.Equal(["a", "b", "c", "d", "e"], seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=-3")]
    [InlineData("pageSize=many")]
    [InlineData("pageToken=%24%24%24")]
    public async Task Bad_paging_parameters_are_400(string query)
    {
        (await Client.GetAsync($"v1/namespaces?{query}")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Head_and_load_of_a_missing_namespace_are_404()
    {
        string name = UniqueName();
        (await Client.HeadAsync($"v1/namespaces/{name}")).Is(HttpStatusCode.NotFound);
        (await Client.GetAsync($"v1/namespaces/{name}")).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Fact]
    public async Task Drop_removes_an_empty_namespace_and_404s_after()
    {
        string name = UniqueName();
        await CreateNamespaceAsync(name);
        (await Client.DeleteAsync($"v1/namespaces/{name}")).Is(HttpStatusCode.NoContent);
        (await Client.HeadAsync($"v1/namespaces/{name}")).Is(HttpStatusCode.NotFound);
        (await Client.DeleteAsync($"v1/namespaces/{name}")).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Fact]
    public async Task Dropping_a_namespace_holding_a_table_or_namespace_is_409_NamespaceNotEmpty()
    {
        var (ns, _, _) = await CreateTableAsync();
        (await Client.DeleteAsync($"v1/namespaces/{ns}")).IsError(HttpStatusCode.Conflict, "NamespaceNotEmptyException");

        string parent = UniqueName();
        await CreateNamespaceAsync(parent);
        await CreateNamespaceAsync(parent, "child");
        (await Client.DeleteAsync($"v1/namespaces/{parent}")).IsError(HttpStatusCode.Conflict, "NamespaceNotEmptyException");
    }

    [Fact]
    public async Task Update_properties_reports_updated_removed_and_missing()
    {
        string name = UniqueName();
        (await Client.PostAsync("v1/namespaces", $$$"""{"namespace":["{{{name}}}"],"properties":{"a":"1","b":"2"}}""")).Is(HttpStatusCode.OK);
        var change = (await Client.PostAsync($"v1/namespaces/{name}/properties", """{"removals":["a","zz"],"updates":{"c":"3","b":"20"}}"""))
            .Is(HttpStatusCode.OK).Json;
        Assert.Equal(["b", "c"], change.GetProperty("updated").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(["a"], change.GetProperty("removed").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["zz"], change.GetProperty("missing").EnumerateArray().Select(e => e.GetString()!));

        var properties = (await Client.GetAsync($"v1/namespaces/{name}")).Is(HttpStatusCode.OK).Json.GetProperty("properties");
        Assert.Equal(
            [("b", "20"), ("c", "3")],
            properties.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).OrderBy(p => p.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_key_both_set_and_removed_is_422_and_changes_nothing()
    {
        string name = UniqueName();
        (await Client.PostAsync("v1/namespaces", $$$"""{"namespace":["{{{name}}}"],"properties":{"a":"1"}}""")).Is(HttpStatusCode.OK);
        var reply = (await Client.PostAsync($"v1/namespaces/{name}/properties", """{"removals":["a"],"updates":{"a":"2","b":"3"}}"""))
            .IsError(HttpStatusCode.UnprocessableEntity, "UnprocessableEntityException");
        Assert.Contains("'a'", reply.ErrorMessage, StringComparison.Ordinal);
        var properties = (await Client.GetAsync($"v1/namespaces/{name}")).Json.GetProperty("properties");
        Assert.Equal("1", properties.GetProperty("a").GetString());
        Assert.False(properties.TryGetProperty("b", out _));
    }

    [Fact]
    public async Task Updating_properties_of_a_missing_namespace_is_404()
    {
        (await Client.PostAsync($"v1/namespaces/{UniqueName()}/properties", """{"updates":{"a":"1"}}"""))
            .IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Fact]
    public async Task The_prefix_selects_a_catalog_and_no_prefix_is_the_default_catalog()
    {
        string name = UniqueName();
        (await Client.PostAsync($"v1/{Backend.OtherCatalog}/namespaces", $$"""{"namespace":["{{name}}"]}""")).Is(HttpStatusCode.OK);
        (await Client.HeadAsync($"v1/{Backend.OtherCatalog}/namespaces/{name}")).Is(HttpStatusCode.NoContent);
        (await Client.HeadAsync($"v1/namespaces/{name}")).Is(HttpStatusCode.NotFound);
        (await Client.HeadAsync($"v1/{Backend.DefaultCatalog}/namespaces/{name}")).Is(HttpStatusCode.NotFound);

        string inDefault = await CreateNamespaceAsync(UniqueName());
        (await Client.HeadAsync($"v1/{Backend.DefaultCatalog}/namespaces/{inDefault}")).Is(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_unknown_prefix_is_404_NoSuchWarehouse()
    {
        (await Client.GetAsync("v1/no-such-catalog/namespaces")).IsError(HttpStatusCode.NotFound, "NoSuchWarehouseException");
    }
}
