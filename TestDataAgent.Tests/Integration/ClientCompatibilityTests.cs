using System.Text.Json;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>Requests shaped exactly as the original's clients send them: the e-commerce domain agent and the original e2e tests.</summary>
[Collection(ApiGroup.Name)]
public sealed class ClientCompatibilityTests(ApiFixture api)
{
    private const string AgentContext =
        "Generate test data for the checkout flow of a large US department store. Business rules: carts hold 1 to 6 items, " +
        "prices include cents, tax is charged on the subtotal, free shipping over $75, loyalty members get 10% off, " +
        "gift cards cannot buy gift cards, and orders placed after 9pm ship the next business day.";

    [Fact]
    public async Task TheDomainAgentsDefaultRequestSucceedsWithHonestMetadata()
    {
        var request = new GenerateRequest
        {
            RequestId = "agent-1",
            Domain = "ecommerce",
            Entity = "order",
            Count = 12,
            Context = AgentContext,
            GenerationMethod = GenerationMethod.Hybrid,
            ProductionLike = true,
            Hints = { "realistic", "edge_case", "checkout_flow" },
            Constraints = new Constraints(),
        };
        request.Constraints.FieldConstraints["shipping"] = new FieldConstraint();
        request.Scenarios.Add(new Scenario { Name = "happy_path", Count = 8, Description = "Regular customers completing checkout with a credit card" });
        request.Scenarios.Add(new Scenario { Name = "gift_card", Count = 4, Description = "Customers paying with a gift card", Overrides = { ["payment_method"] = "gift_card" } });
        // The RAG path answers from the seed corpus, which the service loads in the background after start-up.
        await api.WaitForSeededPatternsAsync();

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal(12, response.RecordCount);
        Assert.Equal(8, response.Metadata.ScenarioCounts["happy_path"]);
        Assert.Equal(4, response.Metadata.ScenarioCounts["gift_card"]);
        // Hybrid is not offered without an LLM; its fallback is the RAG path (the embedded pattern store is always there).
        Assert.Equal("rag", response.Metadata.GenerationPath);
        Assert.Equal("hybrid", response.Metadata.RequestedPath);
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("hybrid path unavailable", StringComparison.Ordinal));
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("checkout_flow", StringComparison.Ordinal));
        using var data = JsonDocument.Parse(response.Data);
        Assert.All(data.RootElement.EnumerateArray().Skip(8), r => Assert.Equal("gift_card", r.GetProperty("payment_method").GetString()));
    }

    [Fact]
    public async Task ATypedFieldTreeGeneratesRecordsTrueToIt()
    {
        var request = new GenerateRequest { Domain = "ecommerce", Entity = "checkout_session", Count = 20, Seed = 3, Schema = new Schema() };
        request.Schema.Fields.Add(new Field { Name = "session_id", Type = FieldType.Uuid, Required = true });
        request.Schema.Fields.Add(new Field { Name = "email", Type = FieldType.Email, Required = true });
        request.Schema.Fields.Add(new Field { Name = "item_count", Type = FieldType.Integer, Required = true });
        request.Schema.Fields.Add(new Field { Name = "started_at", Type = FieldType.Datetime, Required = true });
        request.Schema.Fields.Add(new Field { Name = "is_guest", Type = FieldType.Boolean, Required = true });
        request.Schema.Fields.Add(new Field
        {
            Name = "shipping_address",
            Type = FieldType.Object,
            Required = true,
            NestedFields = { new Field { Name = "city", Type = FieldType.String, Required = true }, new Field { Name = "zip", Type = FieldType.String, Required = true } },
        });
        request.Schema.Fields.Add(new Field
        {
            Name = "lines",
            Type = FieldType.Array,
            Required = true,
            NestedFields = { new Field { Name = "sku", Type = FieldType.String, Required = true }, new Field { Name = "price", Type = FieldType.Float, Required = true } },
        });

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        using var data = JsonDocument.Parse(response.Data);
        foreach (var record in data.RootElement.EnumerateArray())
        {
            Assert.True(Guid.TryParse(record.GetProperty("session_id").GetString(), out _));
            Assert.Contains("@", record.GetProperty("email").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Number, record.GetProperty("item_count").ValueKind);
            Assert.True(DateTimeOffset.TryParse(record.GetProperty("started_at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Contains(record.GetProperty("is_guest").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.Matches("^[0-9]{5}$", record.GetProperty("shipping_address").GetProperty("zip").GetString());
            Assert.All(record.GetProperty("lines").EnumerateArray(), l => Assert.Equal(JsonValueKind.Number, l.GetProperty("price").ValueKind));
        }
    }

    [Fact]
    public async Task ContradictorySchemaSourcesAreRefused()
    {
        var request = new GenerateRequest { Entity = "cart", Count = 2, InlineSchema = """{"name":"x","fields":{"a":{"type":"string"}}}""", Schema = new Schema { PredefinedSchema = "order" } };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("one schema source", response.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cart", 5)]
    [InlineData("order", 10)]
    [InlineData("user", 1)]
    [InlineData("review", 3)]
    public async Task TheOriginalsEndToEndRequestsStillPass(string entity, int count)
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { RequestId = $"e2e-{entity}", Domain = "ecommerce", Entity = entity, Count = count }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal(count, response.RecordCount);
        Assert.Equal(count, JsonDocument.Parse(response.Data).RootElement.GetArrayLength());
        Assert.Contains(response.Metadata.GenerationPath, new[] { "traditional", "llm", "rag", "hybrid" });
    }
}
