using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// Small requests written to exhaust or stall the service (issue 14), over real gRPC: each gets a clear error naming the
/// field, the rule and the setting, or a bounded answer, and a normal request is served right after. The deadlines are
/// generous: they catch hangs, they do not measure speed.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class HostileInputTests(ApiFixture api)
{
    [Fact]
    public async Task ARegexConstraintThatExpandsIsRefusedNamingTheFieldTheRuleAndTheSetting()
    {
        var request = new GenerateRequest { Entity = "product", Count = 5, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["name"] = new FieldConstraint { Regex = "(?:a?){3100}b", MinLength = 2000, MaxLength = 2000 };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("field_constraints[name]", response.Error, StringComparison.Ordinal);
        Assert.Contains("regex", response.Error, StringComparison.Ordinal);
        Assert.Contains("Generation:Patterns:", response.Error, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ACustomSchemaWithEightExpandingPatternsIsRefusedBeforeAnyRecord()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { CustomSchema = EightExpandingPatterns(), Count = 10 }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("code_", response.Error, StringComparison.Ordinal);
        Assert.Contains("pattern", response.Error, StringComparison.Ordinal);
        Assert.Contains("Generation:Patterns:", response.Error, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task AStreamOfExpandingPatternsIsRefusedBeforeItsFirstChunk()
    {
        using var call = api.Client.GenerateDataStream(new GenerateRequest { CustomSchema = EightExpandingPatterns(), Count = 1_000 }, deadline: Deadlines.Call());

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("pattern", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Generation:Patterns:", error.Status.Detail, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task AValidationPatternThatBacktracksIsReportedWithinItsTimeout()
    {
        // Our schema format: its patterns are checked by the record validator (a JSON Schema source is checked by the
        // specification's validator, whose own pattern bound InlineSchemaFormatTests and JsonSchemaValidationTests cover).
        var schema = """{"name":"words","domain":"test","description":"words","fields":{"word":{"type":"string","pattern":"(a+)+\\1x"}}}""";
        var data = new JsonArray([.. Enumerable.Range(0, 200).Select(_ => (JsonNode)new JsonObject { ["word"] = new string('a', 40) })]).ToJsonString();

        var report = await api.Client.ValidateDataAsync(new ValidateDataRequest { InlineSchema = schema, Data = data }, deadline: Deadlines.Call());

        Assert.False(report.Valid);
        Assert.All(report.Violations, v => Assert.Equal(("word", "regex"), (v.Field, v.Rule)));
        Assert.Contains(report.Violations, v => v.Message.Contains("Generation:Patterns:MatchTimeoutMilliseconds", StringComparison.Ordinal));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ManyConcurrentBacktrackingValidationsDoNotStopANormalRequest()
    {
        var data = new JsonArray([.. Enumerable.Range(0, 50).Select(_ => (JsonNode)new JsonObject { ["word"] = new string('c', 40) })]).ToJsonString();
        var calls = Enumerable.Range(0, 16).Select(i =>
        {
            // Each caller its own pattern, so none is answered from the poisoned cache entry of another.
            var schema = new JsonObject
            {
                ["name"] = "words",
                ["domain"] = "test",
                ["description"] = "words",
                ["fields"] = new JsonObject { ["word"] = new JsonObject { ["type"] = "string", ["pattern"] = $"(c+)+\\1x{i}" } },
            }.ToJsonString();
            return api.Client.ValidateDataAsync(new ValidateDataRequest { InlineSchema = schema, Data = data }, deadline: Deadlines.Call()).ResponseAsync;
        }).ToList();

        await AssertStillServingAsync();
        var reports = await Task.WhenAll(calls);

        Assert.All(reports, r => Assert.Contains(r.Violations, v => v.Message.Contains("Generation:Patterns:MatchTimeoutMilliseconds", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASchemaPatternLongerThanTheMaximumIsRefusedNamingWhereAndTheSetting()
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["code"] = new JsonObject { ["type"] = "string", ["pattern"] = string.Concat(Enumerable.Repeat("[a-z]", 2_000)) } },
        }.ToJsonString();

        var response = await api.Client.GenerateDataAsync(new GenerateRequest { CustomSchema = schema, Count = 1 }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("properties.code.pattern", response.Error, StringComparison.Ordinal);
        Assert.Contains("Generation:Patterns:MaxLength", response.Error, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    private static string EightExpandingPatterns()
    {
        var properties = new JsonObject();
        for (var i = 1; i <= 8; i++)
        {
            // Distinct patterns: no cached generator can answer for another.
            properties[$"code_{i}"] = new JsonObject { ["type"] = "string", ["pattern"] = $"(?:a?){{3100}}b{i}", ["minLength"] = 2000, ["maxLength"] = 2100 };
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray([.. properties.Select(p => (JsonNode)p.Key)]) }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private async Task AssertStillServingAsync()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "order", Count = 5 }, deadline: Deadlines.Call());
        Assert.True(response.Success, response.Error);
    }

}
