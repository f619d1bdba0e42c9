using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.Unit;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// Schemas sent as the original's clients send them: its UI puts a JSON Schema in <c>inline_schema</c> (through grpcurl,
/// so JSON with the proto's field names); either field may carry either format; <c>ValidateData</c> judges a JSON Schema
/// by the specification.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class InlineSchemaFormatTests(ApiFixture api)
{
    // What a user types into the UI's "JSON Schema" box (its tips are draft-07).
    private const string TicketSchema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["ticket_id", "subject", "priority", "opened_at", "reporter_email"],
          "additionalProperties": false,
          "properties": {
            "ticket_id": { "type": "string", "pattern": "^TCK-[0-9]{6}$" },
            "subject": { "type": "string", "minLength": 5, "maxLength": 80 },
            "priority": { "type": "string", "enum": ["low", "medium", "high", "urgent"] },
            "story_points": { "type": "integer", "minimum": 1, "maximum": 13 },
            "opened_at": { "type": "string", "format": "date-time" },
            "reporter_email": { "type": "string", "format": "email" },
            "tags": { "type": "array", "items": { "type": "string", "maxLength": 12 }, "maxItems": 3 }
          }
        }
        """;

    private const string WidgetInOurFormat = """
        {"name":"widget","domain":"factory","description":"a widget","fields":{
          "widget_id":{"type":"string","required":true,"format":"WDG-{random:5}"},
          "colour":{"type":"enum","required":true,"values":["red","green","blue"]},
          "weight_g":{"type":"integer","required":true,"min":10,"max":500}}}
        """;

    [Fact]
    public async Task TheUisJsonSchemaInInlineSchemaIsGeneratedForAndItsRecordsSatisfyIt()
    {
        var request = AsTheUiSends("ticket", TicketSchema, count: 25);

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal(25, response.RecordCount);
        using var data = JsonDocument.Parse(response.Data);
        foreach (var ticket in data.RootElement.EnumerateArray())
        {
            Assert.Matches("^TCK-[0-9]{6}$", ticket.GetProperty("ticket_id").GetString());
            Assert.Contains(ticket.GetProperty("priority").GetString(), new[] { "low", "medium", "high", "urgent" });
            Assert.InRange(ticket.GetProperty("subject").GetString()!.Length, 5, 80);
            Assert.Contains("@", ticket.GetProperty("reporter_email").GetString(), StringComparison.Ordinal);
        }

        // The specification's own reading of the same schema, generator fields (_index, _scenario) and all.
        var check = await api.Client.ValidateDataAsync(new ValidateDataRequest { InlineSchema = TicketSchema, Data = response.Data }, deadline: Deadlines.Call());
        Assert.True(check.Valid, string.Join("\n", check.Violations.Take(5)));
        Assert.Equal(25, check.RecordCount);
    }

    [Fact]
    public async Task AJsonSchemaThatOnlyListsPropertiesIsServedToo()
    {
        // The UI's only check on its JSON Schema box is that it has a properties object.
        var request = AsTheUiSends("gadget", """{"required":["serial"],"properties":{"serial":{"type":"string","pattern":"^G[0-9]{4}$"},"price":{"type":"number","minimum":1,"maximum":99}}}""", count: 5);

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.All(JsonDocument.Parse(response.Data).RootElement.EnumerateArray(), g => Assert.Matches("^G[0-9]{4}$", g.GetProperty("serial").GetString()));
    }

    [Fact]
    public async Task AStreamServesAJsonSchemaInInlineSchema()
    {
        using var call = api.Client.GenerateDataStream(AsTheUiSends("ticket", TicketSchema, count: 120), deadline: Deadlines.Call());

        var records = new List<JsonElement>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            if (!chunk.IsFinal)
            {
                records.AddRange(JsonDocument.Parse(chunk.Data).RootElement.EnumerateArray().Select(r => r.Clone()));
            }
        }

        Assert.Equal(120, records.Count);
        Assert.All(records, r => Assert.Matches("^TCK-[0-9]{6}$", r.GetProperty("ticket_id").GetString()));
    }

    [Fact]
    public async Task CustomSchemaInOurFormatIsServed()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { CustomSchema = WidgetInOurFormat, Count = 30, Seed = 3 }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        foreach (var widget in JsonDocument.Parse(response.Data).RootElement.EnumerateArray())
        {
            Assert.Matches("^WDG-[0-9A-Z]{5}$", widget.GetProperty("widget_id").GetString());
            Assert.Contains(widget.GetProperty("colour").GetString(), new[] { "red", "green", "blue" });
            Assert.InRange(widget.GetProperty("weight_g").GetInt32(), 10, 500);
        }
    }

    [Theory]
    [InlineData("inline_schema")]
    [InlineData("custom_schema")]
    public async Task ASchemaInNeitherFormatIsRefusedNamingTheFieldAndBothFormats(string field)
    {
        const string neither = """{"name":"widget","columns":{"colour":"string"}}""";
        var request = new GenerateRequest { RequestId = "neither", Entity = "widget", Count = 3 };
        if (field == "inline_schema")
        {
            request.InlineSchema = neither;
        }
        else
        {
            request.CustomSchema = neither;
        }

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        using var call = api.Client.GenerateDataStream(request, deadline: Deadlines.Call());
        var streamError = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.False(response.Success);
        Assert.StartsWith(field, response.Error, StringComparison.Ordinal);
        Assert.Contains("\"fields\"", response.Error, StringComparison.Ordinal);
        Assert.Contains("properties", response.Error, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, streamError.StatusCode);
    }

    [Fact]
    public async Task ValidateDataJudgesAnInlineJsonSchemaByTheSpecification()
    {
        var records = JsonSchemaValidationTests.Planted.Select(p => JsonSchemaValidationTests.Change(JsonSchemaValidationTests.ValidOrder, p.Change))
            .Prepend(JsonSchemaValidationTests.ValidOrder);

        var report = await api.Client.ValidateDataAsync(
            new ValidateDataRequest { InlineSchema = JsonSchemaValidationTests.Order, Data = $"[{string.Join(",", records)}]" }, deadline: Deadlines.Call());

        Assert.False(report.Valid);
        Assert.DoesNotContain(report.Violations, v => v.RecordIndex == 0);
        for (var i = 0; i < JsonSchemaValidationTests.Planted.Length; i++)
        {
            var (_, field, rule) = JsonSchemaValidationTests.Planted[i];
            var violation = Assert.Single(report.Violations, v => v.RecordIndex == i + 1);
            Assert.Equal((field, rule), (violation.Field, violation.Rule));
        }
    }

    [Fact]
    public async Task ValidateDataReadsCustomSchemaInOurFormatWithOurRules()
    {
        var report = await api.Client.ValidateDataAsync(new ValidateDataRequest
        {
            CustomSchema = WidgetInOurFormat,
            Data = """[{"widget_id":"WDG-AB123","colour":"purple","weight_g":20,"sticker":true}]""",
        }, deadline: Deadlines.Call());

        Assert.Equal(["colour:enum", "sticker:unknown_field"], report.Violations.Select(v => $"{v.Field}:{v.Rule}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ValidateDataRefusesAnInlineSchemaInNeitherFormat()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.ValidateDataAsync(
            new ValidateDataRequest { InlineSchema = """{"columns":{"a":"string"}}""", Data = "[{}]" }, deadline: Deadlines.Call()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("inline_schema", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("\"fields\"", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("properties", error.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>The request the UI's server route builds and hands to grpcurl as JSON (snake_case, the proto's names).</summary>
    private static GenerateRequest AsTheUiSends(string entity, string inlineSchema, int count)
    {
        var body = new Dictionary<string, object>
        {
            ["request_id"] = $"ui-{1_764_000_000_000 + count}",
            ["domain"] = "ecommerce",
            ["entity"] = entity,
            ["count"] = count,
            ["context"] = "",
            ["hints"] = Array.Empty<string>(),
            ["inline_schema"] = inlineSchema,
        };
        return JsonParser.Default.Parse<GenerateRequest>(JsonSerializer.Serialize(body));
    }

}
