using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class ValidateDataTests(ApiFixture api)
{
    public static TheoryData<string, OutputFormat> OwnOutput => new()
    {
        { "cart", OutputFormat.Json }, { "order", OutputFormat.Ndjson }, { "payment", OutputFormat.Csv }, { "user", OutputFormat.Json },
        { "inventory", OutputFormat.Csv }, { "shipping", OutputFormat.Ndjson }, { "review", OutputFormat.Csv }, { "support_ticket", OutputFormat.Json },
    };

    [Theory]
    [MemberData(nameof(OwnOutput))]
    public async Task EveryRecordOurGeneratorsMakePasses(string entity, OutputFormat format)
    {
        var generated = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = entity, Count = 200, OutputFormat = format, Seed = 21 }, deadline: Deadlines.Call());

        var report = await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = entity, Data = generated.Data, Format = format }, deadline: Deadlines.Call());

        Assert.True(report.Valid, string.Join("\n", report.Violations.Take(5)));
        Assert.Equal(200, report.RecordCount);
        Assert.Equal(1.0f, report.CoherenceScore);
    }

    [Fact]
    public async Task EveryPlantedViolationIsFoundByRecordFieldAndRule()
    {
        var generated = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "cart", Count = 6, Seed = 5 }, deadline: Deadlines.Call());
        var records = JsonNode.Parse(generated.Data)!.AsArray();
        records[0]!.AsObject().Remove("customer_id");
        records[1]!["currency"] = "BTC";
        records[2]!["tax"] = "a lot";
        records[3]!["items"]![0]!["quantity"] = 0;
        records[4]!["total"] = 1_000_000;
        records[5]!["coupon"] = "SAVE10";
        var request = new ValidateDataRequest { Entity = "cart", Data = records.ToJsonString(), Constraints = new Constraints() };
        request.Constraints.FieldConstraints["cart_id"] = new FieldConstraint { Regex = "CRT-2026-[0-9]{7}" };

        var report = await api.Client.ValidateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(report.Valid);
        Assert.Equal(6, report.InvalidCount);
        Assert.Contains(report.Violations, v => v is { RecordIndex: 0, Field: "customer_id", Rule: "required" });
        Assert.Contains(report.Violations, v => v is { RecordIndex: 1, Field: "currency", Rule: "enum" });
        Assert.Contains(report.Violations, v => v is { RecordIndex: 2, Field: "tax", Rule: "type" });
        Assert.Contains(report.Violations, v => v is { RecordIndex: 3, Field: "items[0].quantity", Rule: "min" });
        Assert.Contains(report.Violations, v => v is { RecordIndex: 4, Field: "total", Rule: "coherence:total" });
        Assert.Contains(report.Violations, v => v is { RecordIndex: 5, Field: "coupon", Rule: "unknown_field" });
    }

    [Fact]
    public async Task AConstraintRegexIsChecked()
    {
        var records = """[{"user_id":"USR-1234567","email":"a@b.co","first_name":"Al","last_name":"Bo","created_at":"2026-01-01T00:00:00Z"}]""";
        var request = new ValidateDataRequest { Entity = "user", Data = records, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["first_name"] = new FieldConstraint { Regex = "[A-Z][a-z]{3,}" };

        var report = await api.Client.ValidateDataAsync(request, deadline: Deadlines.Call());

        Assert.Contains(report.Violations, v => v is { Field: "first_name", Rule: "regex" });
    }

    [Theory]
    [InlineData("{not json", OutputFormat.Json)]
    [InlineData("{\"a\":1}", OutputFormat.Json)]
    [InlineData("[1, 2]", OutputFormat.Json)]
    [InlineData("{\"a\":1}\nnot json", OutputFormat.Ndjson)]
    [InlineData("INSERT INTO x VALUES (1);", OutputFormat.Sql)]
    public async Task UnparseableDataIsAnInvalidArgument(string data, OutputFormat format)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "user", Data = data, Format = format }, deadline: Deadlines.Call()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task ValidateWorksAsJsonOverHttp()
    {
        using var response = await api.Http.PostAsJsonAsync("/v1/validate", new { entity = "review", data = """[{"review_id":"REV-1","rating":9}]""" });

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains(body.RootElement.GetProperty("violations").EnumerateArray(), v => v.GetProperty("rule").GetString() == "max");
    }
}
