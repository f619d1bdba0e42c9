using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using static TestDataAgent.Tests.Datasets.EcommerceInvariants;

namespace TestDataAgent.Tests.Datasets;

/// <summary>A caller's own graph (custom schemas in both formats) and the graphs that are refused, each naming the table at fault.</summary>
public sealed class DatasetGraphTests
{
    private const string Authors = """
        { "name": "author", "primary_key": "author_id",
          "fields": { "author_id": { "type": "string", "format": "AUT-{random:6}", "required": true },
                      "name": { "type": "string", "semantic": "full_name", "required": true } } }
        """;

    private const string BooksOwnFormat = """
        { "name": "book", "primary_key": "book_id",
          "fields": { "book_id": { "type": "integer", "required": true },
                      "author_id": { "type": "string", "references": "authors.author_id", "required": true },
                      "title": { "type": "string", "required": true } } }
        """;

    private const string BooksJsonSchema = """
        { "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "book", "type": "object",
          "required": ["id", "writer"],
          "properties": { "id": { "type": "integer" },
                          "writer": { "type": "string", "x-references": "authors.author_id" },
                          "title": { "type": "string" } } }
        """;

    [Theory]
    [InlineData(BooksOwnFormat, "author_id")]
    [InlineData(BooksJsonSchema, "writer")]
    public async Task ACustomTwoTableGraphHasEveryBookByAGeneratedAuthor(string books, string column)
    {
        var run = await DatasetRun.MakeAsync(new DatasetRequestInput
        {
            Seed = 3,
            OutputFormat = (int)DataFormat.Ndjson,
            Tables =
            [
                new DatasetTableInput { Name = "authors", InlineSchema = Authors, Count = 25 },
                new DatasetTableInput { Name = "books", InlineSchema = books, Parent = "authors", MinPerParent = 1, MaxPerParent = 4 },
            ],
        });
        var tables = run.Tables();

        var authors = ById(tables["authors"], "author_id");
        Assert.Equal(25, authors.Count);
        Assert.All(tables["books"], b => Assert.Contains(Text(b, column), authors.Keys));
        Assert.All(tables["books"].GroupBy(b => Text(b, column)), g => Assert.InRange(g.Count(), 1, 4));
        Assert.Equal(25, tables["books"].Select(b => Text(b, column)).Distinct().Count());
        Assert.Equal(0, run.Summary.OrphanCount);
    }

    [Fact]
    public async Task AChildWhoseSchemaLacksTheParentKeyGetsTheColumn()
    {
        var run = await DatasetRun.MakeAsync(new DatasetRequestInput
        {
            Seed = 4,
            OutputFormat = (int)DataFormat.Ndjson,
            Tables = [new DatasetTableInput { Name = "customers", Entity = "customer", Count = 5 }, new DatasetTableInput { Name = "notes", Entity = "promotion", Parent = "customers", MinPerParent = 2, MaxPerParent = 2 }],
        });
        var tables = run.Tables();

        var customers = ById(tables["customers"], "customer_id");
        Assert.Equal(10, tables["notes"].Count);
        Assert.All(tables["notes"], n => Assert.Contains(Text(n, "customer_id"), customers.Keys));
    }

    public static TheoryData<string, DatasetTableInput[]> Refused => new()
    {
        { "tables[1].parent", [Root("a"), Child("b", "nowhere")] },
        { "tables[0].parent", [Child("a", "b"), Child("b", "a")] },
        { "tables[0].count", [Root("a") with { Count = 0 }] },
        { "tables[0].count", [Root("a") with { Count = -3 }] },
        { "tables[1].count", [Root("a"), Child("b", "a") with { Count = 5 }] },
        { "tables[1].max_per_parent", [Root("a"), Child("b", "a") with { MinPerParent = 3, MaxPerParent = 2 }] },
        { "tables[1].max_per_parent", [Root("a"), Child("b", "a") with { MaxPerParent = 0 }] },
        { "tables[1].max_per_parent", [Root("a"), Child("b", "a") with { MaxPerParent = 5000 }] },
        { "tables[1].distribution", [Root("a"), Child("b", "a") with { Distribution = "normal" }] },
        { "tables[1].name", [Root("a"), Root("a")] },
        { "tables[0].name", [Root("a b")] },
        { "tables[0].entity", [new DatasetTableInput { Name = "x", Entity = "no_such_entity", Count = 1 }] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ABadGraphIsRefusedNamingTheTable(string field, DatasetTableInput[] tables)
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => DatasetRun.MakeAsync(new DatasetRequestInput { Seed = 1, Tables = tables }));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task AReferenceCycleBetweenRootsIsRefused()
    {
        const string A = """{ "name": "a", "primary_key": "id", "fields": { "id": { "type": "integer" }, "b_id": { "type": "integer", "references": "b.id" } } }""";
        const string B = """{ "name": "b", "primary_key": "id", "fields": { "id": { "type": "integer" }, "a_id": { "type": "integer", "references": "a.id" } } }""";

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => DatasetRun.MakeAsync(new DatasetRequestInput
        {
            Seed = 1,
            Tables = [new DatasetTableInput { Name = "a", InlineSchema = A, Count = 2 }, new DatasetTableInput { Name = "b", InlineSchema = B, Count = 2 }],
        }));

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("tables[", error.Field, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preset", "no_such_preset", "", 1_000)]
    [InlineData("locale", "ecommerce_core", "ja_JP", 1_000)]
    [InlineData("tables[", "ecommerce_core", "", 10_000_000)]
    public async Task ARequestOutsideTheRulesIsRefusedByName(string field, string preset, string locale, int customers)
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => DatasetRun.MakeAsync(new DatasetRequestInput
        {
            Preset = preset, Locale = locale, Seed = 1, Tables = [new DatasetTableInput { Name = "customers", Count = customers }],
        }));

        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
    }

    private static DatasetTableInput Root(string name) => new() { Name = name, Entity = "user", Count = 3 };

    private static DatasetTableInput Child(string name, string parent) => new() { Name = name, Entity = "user", Parent = parent, MinPerParent = 0, MaxPerParent = 2 };
}
