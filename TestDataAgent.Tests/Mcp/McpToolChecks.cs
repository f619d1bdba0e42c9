using System.Text;
using System.Text.Json.Nodes;
using TestDataAgent.Mcp;

namespace TestDataAgent.Tests.Mcp;

/// <summary>What every MCP server of ours must do, over HTTP or stdio alike.</summary>
internal static class McpToolChecks
{
    public static readonly string[] ToolNames = ["generate_data", "generate_dataset", "list_schemas", "validate_data"];

    /// <summary>The four tools, each parameter an agent fills in described in the input schema.</summary>
    public static async Task ToolsAreListedWithDescribedParametersAsync(McpSession session)
    {
        var tools = await session.ToolsAsync();

        Assert.Equal(ToolNames, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        var described = new Dictionary<string, string[]>
        {
            ["list_schemas"] = ["domain"],
            ["generate_data"] = ["entity", "count", "format", "seed", "locale", "constraints", "scenarios", "schema"],
            ["validate_data"] = ["data", "entity", "format", "constraints"],
            ["generate_dataset"] = ["preset", "tables", "format", "seed", "locale"],
        };
        foreach (var tool in tools)
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            var properties = tool.JsonSchema.GetProperty("properties");
            foreach (var parameter in described[tool.Name])
            {
                Assert.True(properties.TryGetProperty(parameter, out var schema), $"{tool.Name} has no parameter {parameter}");
                Assert.False(string.IsNullOrWhiteSpace(schema.TryGetProperty("description", out var text) ? text.GetString() : null), $"{tool.Name}.{parameter} is not described");
            }
        }
    }

    /// <summary>Removes a required field from one record: validate_data must name the row, the field and the rule.</summary>
    public static async Task ValidateDataFindsAPlantedViolationAsync(McpSession session)
    {
        var schemas = await session.CallAsync<List<SchemaSummary>>("list_schemas", []);
        var user = Assert.Single(schemas, s => s.Name == "user");
        Assert.All(user.Fields, f => Assert.False(string.IsNullOrEmpty(f.Type)));
        var required = user.Fields.First(f => f.Required).Name;
        var generated = await session.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "user", ["count"] = 5, ["seed"] = 3 });
        var records = JsonNode.Parse(generated.Data)!.AsArray();
        const int index = 2;
        records[index]!.AsObject().Remove(required);

        var clean = await session.CallAsync<ValidationFindings>("validate_data", new() { ["entity"] = "user", ["data"] = generated.Data });
        var findings = await session.CallAsync<ValidationFindings>("validate_data", new() { ["entity"] = "user", ["data"] = records.ToJsonString() });

        Assert.True(clean.Valid, string.Join("; ", clean.Violations.Select(v => v.Message)));
        Assert.False(findings.Valid);
        Assert.Equal(1, findings.InvalidCount);
        Assert.Contains(findings.Violations, v => v.RecordIndex == index && v.Field == required && v.Rule == "required");
    }

    /// <summary>
    /// A request far over the inline budget comes back cut at a record boundary: a readable JSON array of exactly the
    /// records it says, within <paramref name="maxInlineBytes"/>, with the count asked for and the seed for the rest.
    /// </summary>
    public static async Task<GeneratedRecords> LargeRequestIsCutWithItsCountAsync(McpSession session, int count, int maxInlineBytes)
    {
        var answer = await session.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "user", ["count"] = count, ["seed"] = 11 });

        Assert.True(answer.Truncated);
        Assert.Equal(count, answer.RecordsRequested);
        Assert.InRange(answer.RecordsReturned, 1, count - 1);
        Assert.InRange(Encoding.UTF8.GetByteCount(answer.Data), 1, maxInlineBytes);
        Assert.Equal(answer.RecordsReturned, JsonNode.Parse(answer.Data)!.AsArray().Count);
        Assert.Equal(11, answer.Seed);
        Assert.Contains("--seed 11", answer.Rest, StringComparison.Ordinal);
        return answer;
    }

    /// <summary>A preset dataset: its tables, each a JSON array of the rows it says, and when it fits, all of them.</summary>
    public static async Task GenerateDatasetReturnsItsTablesAsync(McpSession session)
    {
        var dataset = await session.CallAsync<GeneratedDataset>("generate_dataset", new() { ["preset"] = "ecommerce_core", ["seed"] = 5 });

        Assert.Equal(5, dataset.Seed);
        Assert.NotEmpty(dataset.Tables);
        foreach (var table in dataset.Tables)
        {
            Assert.Equal(table.RowsReturned, JsonNode.Parse(table.Data)!.AsArray().Count);
        }

        Assert.True(dataset.Tables[0].RowsReturned > 0);
        Assert.Equal(dataset.Truncated, dataset.Rest is not null);
        Assert.Equal(dataset.Tables.Count, dataset.Tables.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        if (!dataset.Truncated)
        {
            // The whole dataset fits: every table of the preset, each with every row the dataset made.
            Assert.True(dataset.Tables.Count > 1);
            Assert.All(dataset.Tables, t => Assert.Equal(t.RowsInDataset, t.RowsReturned));
        }
    }
}
