using System.Text.Json;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class SchemaSourcesAndConstraintsTests(ApiFixture api)
{
    private const string TicketJsonSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Ticket",
          "type": "object",
          "required": ["ticket_id", "priority", "reporter", "opened"],
          "properties": {
            "ticket_id": { "type": "string", "pattern": "^TCK-[0-9]{6}$" },
            "priority": { "enum": ["low", "medium", "high"] },
            "reporter": { "$ref": "#/$defs/person" },
            "opened": { "type": "string", "format": "date-time" },
            "estimate_hours": { "type": "number", "minimum": 0.5, "exclusiveMaximum": 40 },
            "tags": { "type": "array", "items": { "type": "string", "maxLength": 12 }, "minItems": 1, "maxItems": 3 }
          },
          "$defs": {
            "person": {
              "type": "object",
              "required": ["email"],
              "properties": { "email": { "type": "string", "format": "email" }, "name": { "type": "string", "minLength": 2, "maxLength": 40 } }
            }
          }
        }
        """;

    [Fact]
    public async Task ACustomJsonSchemaIsServedForThatRequestOnly()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { CustomSchema = TicketJsonSchema, Count = 40, Seed = 1 }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        using var data = JsonDocument.Parse(response.Data);
        foreach (var ticket in data.RootElement.EnumerateArray())
        {
            Assert.Matches("^TCK-[0-9]{6}$", ticket.GetProperty("ticket_id").GetString());
            Assert.Contains(ticket.GetProperty("priority").GetString(), new[] { "low", "medium", "high" });
            Assert.Contains("@", ticket.GetProperty("reporter").GetProperty("email").GetString(), StringComparison.Ordinal);
        }

        var schemas = await api.Client.GetSchemasAsync(new GetSchemasRequest(), deadline: Deadlines.Call());
        Assert.DoesNotContain(schemas.Schemas, s => s.Name == "ticket");
    }

    [Fact]
    public async Task AMalformedCustomSchemaSaysWhere()
    {
        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { CustomSchema = """{"type":"object","properties":{"n":{"type":"integer","minimum":5,"maximum":1}}}""", Count = 1 }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("custom_schema", response.Error, StringComparison.Ordinal);
        Assert.Contains("properties.n", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConstraintsTravelTheWireAndAbsentBoundsStayAbsent()
    {
        var request = new GenerateRequest { Entity = "order", Count = 200, Seed = 4 };
        // Only max is set: proto3 `optional` keeps min absent rather than 0.
        request.Constraints = new Constraints();
        request.Constraints.FieldConstraints["shipping"] = new FieldConstraint { Max = 10 };
        request.Constraints.FieldConstraints["status"] = new FieldConstraint { EnumValues = { "delivered" } };
        request.Constraints.FieldConstraints["shipping_address.state"] = new FieldConstraint { Regex = "[A-Z]{2}" };
        request.Constraints.FieldConstraints["customer_id"] = new FieldConstraint { Regex = @"CUS-\d{5}" };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        using var data = JsonDocument.Parse(response.Data);
        foreach (var order in data.RootElement.EnumerateArray())
        {
            Assert.InRange(order.GetProperty("shipping").GetDecimal(), 0m, 10m);
            Assert.Equal("delivered", order.GetProperty("status").GetString());
            Assert.Matches("^[A-Z]{2}$", order.GetProperty("shipping_address").GetProperty("state").GetString());
            Assert.Matches(@"^CUS-\d{5}$", order.GetProperty("customer_id").GetString());
        }

        Assert.Empty(response.Metadata.Warnings);
    }

    [Fact]
    public async Task AContradictoryConstraintIsRefusedInBandAndOnTheStream()
    {
        var request = new GenerateRequest { Entity = "product", Count = 5, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["price"] = new FieldConstraint { Min = 100, Max = 50 };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        using var call = api.Client.GenerateDataStream(request, deadline: Deadlines.Call());
        var streamError = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.False(response.Success);
        Assert.Contains("price", response.Error, StringComparison.Ordinal);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, streamError.StatusCode);
    }

    [Fact]
    public async Task UnsatisfiableConstraintsEndInBandNotInACrash()
    {
        var request = new GenerateRequest { Entity = "cart", Count = 5, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["total"] = new FieldConstraint { Max = 0.5 };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("cannot be met", response.Error, StringComparison.Ordinal);
    }
}
