using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// The calls the original's documentation, scripts and UI send, sent as its clients send them (issue 13): each succeeds
/// with the records the caller meant, or is refused up front in the original's wording, with what we did in
/// <c>warnings</c>. The size rule is checked with a client that keeps gRPC's default 4 MiB receive limit.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class OriginalCallsTests(ApiFixture api)
{
    [Fact]
    public async Task AClientWithDefaultLimitsNeverSeesResourceExhaustedFromAUnaryCall()
    {
        using var channel = GrpcChannel.ForAddress(api.GrpcAddress);
        var client = new TestDataService.TestDataServiceClient(channel);

        var response = await client.GenerateDataAsync(new GenerateRequest { RequestId = "big", Entity = "cart", Count = 10_000, Seed = 1 }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Equal("", response.Data);
        Assert.Contains("count 10000 exceeds max sync limit: about ", response.Error, StringComparison.Ordinal);
        Assert.Contains("MiB, over the 4 MiB a gRPC client accepts by default; ask for fewer records or use GenerateDataStream", response.Error, StringComparison.Ordinal);
        Assert.Contains("Generation:MaxUnaryResponseBytes", response.Error, StringComparison.Ordinal);

        // What fits is served whole to the same client.
        var fits = await client.GenerateDataAsync(new GenerateRequest { Entity = "cart", Count = 2_000, Seed = 1 }, deadline: Deadlines.Call());
        Assert.True(fits.Success, fits.Error);
        Assert.Equal(2_000, Records(fits).Count);
    }

    [Fact]
    public async Task ARequestWhoseLaterRecordsOutgrowTheEstimateIsRefusedWhenItCrossesTheLimit()
    {
        using var channel = GrpcChannel.ForAddress(api.GrpcAddress);
        var client = new TestDataService.TestDataServiceClient(channel);
        // The first records (the sample) are small; the second scenario's carry a 3 KB override each.
        var request = new GenerateRequest { Entity = "user", Count = 1_500, Seed = 3 };
        request.Scenarios.Add(new Scenario { Name = "small", Count = 100 });
        var large = new Scenario { Name = "large", Count = 1_400 };
        large.Overrides["first_name"] = new string('x', 3_000);
        request.Scenarios.Add(large);

        var response = await client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("count 1500 exceeds max sync limit", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJsonRouteFollowsTheSameSizeRule()
    {
        using var response = await api.Http.PostAsJsonAsync("/v1/generate", new { entity = "cart", count = 10_000, seed = 1 });

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("success", out var success) && success.GetBoolean());
        Assert.Contains("exceeds max sync limit", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDocumentedIdTemplateIsServed()
    {
        var request = new GenerateRequest
        {
            Entity = "transaction",
            Count = 50,
            Seed = 5,
            ReferenceTime = "2026-03-07T10:00:00Z",
            InlineSchema = """
                {"name": "transaction", "domain": "payments", "description": "A transaction",
                 "fields": {"transaction_id": {"type": "string", "required": true, "format": "TXN-{year}{month}{day}-{random:10}"},
                            "line": {"type": "string", "required": true, "format": "L-{seq:5}"},
                            "amount": {"type": "float", "required": true, "min": 1, "max": 500}}}
                """,
        };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        var records = Records(response);
        Assert.All(records, r => Assert.Matches("^TXN-20260307-[0-9]{10}$", r.GetProperty("transaction_id").GetString()));
        Assert.Equal(50, records.Select(r => r.GetProperty("transaction_id").GetString()).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"L-{i:D5}"), records.Select(r => r.GetProperty("line").GetString()));
    }

    [Theory]
    [InlineData("TXN-{hour}-{random:4}", "{hour}")]
    [InlineData("TXN-{random:x}", "{random:x}")]
    [InlineData("TXN-{year", "'{' without a closing '}'")]
    public async Task AnUnknownPlaceholderIsRefusedUpFrontNamingTheFieldAndPlaceholder(string template, string named)
    {
        var request = new GenerateRequest
        {
            Count = 3,
            InlineSchema = """{"name": "t", "domain": "d", "description": "t", "fields": {"transaction_id": {"type": "string", "format": """ + JsonSerializer.Serialize(template) + "}}}",
        };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("transaction_id", response.Error, StringComparison.Ordinal);
        Assert.Contains(named, response.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverrideOfAFieldTheEntityLacksAddsItAndSaysSo()
    {
        var request = new GenerateRequest { Entity = "user", Count = 10, Seed = 9 };
        var inactive = new Scenario { Name = "inactive", Count = 6 };
        inactive.Overrides["is_active"] = "false";
        request.Scenarios.Add(inactive);
        request.Scenarios.Add(new Scenario { Name = "others", Count = 4 });

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        var records = Records(response);
        Assert.All(records.Take(6), r => Assert.False(r.GetProperty("is_active").GetBoolean()));
        Assert.All(records.Skip(6), r => Assert.False(r.TryGetProperty("is_active", out _)));
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("'is_active' is not a field of user", StringComparison.Ordinal) && w.Contains("'inactive'", StringComparison.Ordinal));
        Assert.DoesNotContain(response.Metadata.Warnings, w => w.Contains("failed schema validation", StringComparison.Ordinal));

        var cart = new GenerateRequest { Entity = "cart", Count = 4, Seed = 9, OutputFormat = OutputFormat.Csv };
        var three = new Scenario { Name = "three_items", Count = 4 };
        three.Overrides["item_count"] = "3";
        cart.Scenarios.Add(three);
        var csv = await api.Client.GenerateDataAsync(cart, deadline: Deadlines.Call());
        Assert.True(csv.Success, csv.Error);
        var lines = csv.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var column = Array.IndexOf(lines[0].Split(','), "item_count");
        Assert.True(column >= 0, "the added field is a CSV column");
    }

    [Fact]
    public async Task RangeOverridesDrawInsideTheRange()
    {
        var request = new GenerateRequest { Entity = "order", Count = 60, Seed = 11, ReferenceTime = "2026-01-01T00:00:00Z" };
        var scenario = new Scenario { Name = "ranged", Count = 60 };
        scenario.Overrides["shipping"] = "5-20";
        scenario.Overrides["created_at"] = "2024-06-*";
        request.Scenarios.Add(scenario);
        var yearly = new GenerateRequest { Entity = "review", Count = 40, Seed = 12 };
        var year = new Scenario { Name = "last_year", Count = 40 };
        year.Overrides["rating"] = "2-4";
        year.Overrides["created_at"] = "2024-*";
        yearly.Scenarios.Add(year);

        var orders = Records(await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call()));
        var reviews = Records(await api.Client.GenerateDataAsync(yearly, deadline: Deadlines.Call()));

        var shipping = orders.Select(o => o.GetProperty("shipping").GetDecimal()).ToList();
        Assert.All(shipping, s => Assert.InRange(s, 5m, 20m));
        Assert.True(shipping.Distinct().Count() > 10, "each record draws its own value");
        Assert.All(orders, o => Assert.Equal(
            o.GetProperty("subtotal").GetDecimal() + o.GetProperty("tax").GetDecimal() + o.GetProperty("shipping").GetDecimal() - o.GetProperty("discount").GetDecimal(),
            o.GetProperty("total").GetDecimal()));
        Assert.All(orders, o => Assert.StartsWith("2024-06-", o.GetProperty("created_at").GetString(), StringComparison.Ordinal));
        Assert.All(reviews, r => Assert.InRange(r.GetProperty("rating").GetInt32(), 2, 4));
        Assert.All(reviews, r => Assert.StartsWith("2024-", r.GetProperty("created_at").GetString(), StringComparison.Ordinal));
        Assert.True(reviews.Select(r => r.GetProperty("created_at").GetString()![..7]).Distinct().Count() > 3, "the whole year is used");
    }

    [Theory]
    [InlineData("rating", "4-9")]
    [InlineData("rating", "5-2")]
    [InlineData("created_at", "2024-13-*")]
    public async Task ARangeThatCannotHoldIsRefusedNamingTheOverride(string field, string value)
    {
        var request = new GenerateRequest { Entity = "review", Count = 3 };
        var scenario = new Scenario { Name = "s", Count = 3 };
        scenario.Overrides[field] = value;
        request.Scenarios.Add(scenario);

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains($"scenarios[0].overrides.{field}", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnumValuesOutsideTheSchemasReplaceItsValuesWithAWarning()
    {
        var request = new GenerateRequest { Entity = "product", Count = 60, Seed = 13, Constraints = new Constraints() };
        var categories = new FieldConstraint();
        categories.EnumValues.AddRange(["Electronics", "Computers", "Gaming"]);
        request.Constraints.FieldConstraints["category"] = categories;

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        var values = Records(response).Select(p => p.GetProperty("category").GetString()).ToList();
        Assert.All(values, v => Assert.Contains(v, new[] { "Electronics", "Computers", "Gaming" }));
        Assert.Contains("Gaming", values);
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("category", StringComparison.Ordinal) && w.Contains("'Gaming'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LengthsOnAnArrayBoundItsItemsAndTheCartStillAddsUp()
    {
        var request = new GenerateRequest { Entity = "cart", Count = 80, Seed = 17, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["items"] = new FieldConstraint { MinLength = 2, MaxLength = 3 };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        var carts = Records(response);
        Assert.All(carts, c => Assert.InRange(c.GetProperty("items").GetArrayLength(), 2, 3));
        Assert.Contains(carts, c => c.GetProperty("items").GetArrayLength() == 3);
        Assert.All(carts, c => Assert.Equal(
            Math.Round(c.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("quantity").GetInt32() * i.GetProperty("price").GetDecimal()), 2),
            c.GetProperty("subtotal").GetDecimal()));
        Assert.DoesNotContain(response.Metadata.Warnings, w => w.Contains("failed schema validation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryDeclaredFieldIsMadeFromEverySource()
    {
        var users = Records(await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 200, Seed = 19 }, deadline: Deadlines.Call()));
        var sensors = Records(await api.Client.GenerateDataAsync(new GenerateRequest
        {
            Entity = "sensor",
            Count = 50,
            Seed = 19,
            CustomSchema = """
                {"type": "object", "required": ["sensor_id"],
                 "properties": {"sensor_id": {"type": "string", "format": "uuid"}, "reading": {"type": "number"},
                                "location": {"type": "object", "properties": {"latitude": {"type": "number", "minimum": -90, "maximum": 90},
                                                                              "longitude": {"type": "number", "minimum": -180, "maximum": 180}}}}}
                """,
        }, deadline: Deadlines.Call()));
        var fieldsRequest = new GenerateRequest { Entity = "thing", Count = 50, Seed = 19, Schema = new Schema() };
        fieldsRequest.Schema.Fields.Add(new Field { Name = "label", Type = FieldType.String });
        fieldsRequest.Schema.Fields.Add(new Field { Name = "weight", Type = FieldType.Float });
        var things = Records(await api.Client.GenerateDataAsync(fieldsRequest, deadline: Deadlines.Call()));

        Assert.All(users, u => Assert.True(u.TryGetProperty("phone", out var phone) && phone.ValueKind == JsonValueKind.String));
        Assert.All(sensors, s => Assert.True(s.TryGetProperty("reading", out _)));
        Assert.All(sensors, s => Assert.True(s.GetProperty("location").TryGetProperty("latitude", out _) && s.GetProperty("location").TryGetProperty("longitude", out _)));
        Assert.All(things, t => Assert.True(t.TryGetProperty("label", out _) && t.TryGetProperty("weight", out _)));
    }

    [Fact]
    public async Task BlankRatesGiveNullAndMissingValuesAtTheAskedShareAndTheSameSeedBlanksTheSameRecords()
    {
        GenerateRequest Request()
        {
            var request = new GenerateRequest { Entity = "user", Count = 1_000, Seed = 23, Constraints = new Constraints(), OutputFormat = OutputFormat.Ndjson };
            request.Constraints.FieldConstraints["phone"] = new FieldConstraint { NullRate = 0.3 };
            request.Constraints.FieldConstraints["first_name"] = new FieldConstraint { MissingRate = 0.1, NullRate = 0.1 };
            request.Constraints.FieldConstraints["addresses.zip"] = new FieldConstraint { MissingRate = 0.5 };
            return request;
        }

        var response = await api.Client.GenerateDataAsync(Request(), deadline: Deadlines.Call());
        var again = await api.Client.GenerateDataAsync(Request(), deadline: Deadlines.Call());

        using var stream = api.Client.GenerateDataStream(Request(), deadline: Deadlines.Call());
        var streamed = new System.Text.StringBuilder();
        await foreach (var chunk in stream.ResponseStream.ReadAllAsync())
        {
            streamed.Append(chunk.IsFinal ? "" : chunk.Data);
        }

        Assert.True(response.Success, response.Error);
        Assert.Equal(response.Data, again.Data);
        // A stream blanks the same fields of the same records as the unary answer.
        Assert.Equal(response.Data, streamed.ToString());
        var users = response.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var nullPhones = users.Count(u => u.GetProperty("phone").ValueKind == JsonValueKind.Null);
        var missingNames = users.Count(u => !u.TryGetProperty("first_name", out _));
        var nullNames = users.Count(u => u.TryGetProperty("first_name", out var n) && n.ValueKind == JsonValueKind.Null);
        var addresses = users.SelectMany(u => u.GetProperty("addresses").EnumerateArray()).ToList();
        var missingZips = addresses.Count(a => !a.TryGetProperty("zip", out _));
        // Binomial bounds far beyond six standard deviations: they catch a wrong rate, never chance.
        Assert.InRange(nullPhones, 220, 380);
        Assert.InRange(missingNames, 50, 150);
        Assert.InRange(nullNames, 50, 150);
        Assert.InRange(missingZips, addresses.Count * 0.4, addresses.Count * 0.6);
        Assert.DoesNotContain(response.Metadata.Warnings, w => w.Contains("failed schema validation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABlankRateOutsideZeroToOneIsRefusedNamingIt()
    {
        var request = new GenerateRequest { Entity = "user", Count = 3, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["phone"] = new FieldConstraint { NullRate = 0.7, MissingRate = 0.6 };

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("constraints.field_constraints[phone]", response.Error, StringComparison.Ordinal);
        Assert.Contains("more than 1", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverriddenFieldsKeepTheirValueWhateverTheBlankRate()
    {
        var request = new GenerateRequest { Entity = "user", Count = 50, Seed = 29, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["phone"] = new FieldConstraint { MissingRate = 1 };
        var scenario = new Scenario { Name = "reachable", Count = 20 };
        scenario.Overrides["phone"] = "+1 555 0100";
        request.Scenarios.Add(scenario);
        request.Scenarios.Add(new Scenario { Name = "rest", Count = 30 });

        var records = Records(await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call()));

        Assert.All(records.Take(20), r => Assert.Equal("+1 555 0100", r.GetProperty("phone").GetString()));
        Assert.All(records.Skip(20), r => Assert.False(r.TryGetProperty("phone", out _)));
    }

    [Fact]
    public async Task NoFailureNamesAnExceptionType()
    {
        // A stream's refusal is a status; unary answers in-band. Neither carries a .NET type name.
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "cart", Count = 10_000 }, deadline: Deadlines.Call());
        var stream = api.Client.GenerateDataStream(new GenerateRequest { Count = 3, InlineSchema = """{"name":"t","domain":"d","description":"t","fields":{"id":{"type":"string","format":"{nope}"}}}""" }, deadline: Deadlines.Call());
        var error = await Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext(CancellationToken.None));

        Assert.DoesNotContain("Exception", response.Error, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.DoesNotContain("Exception", error.Status.Detail, StringComparison.Ordinal);
    }

    private static List<JsonElement> Records(GenerateResponse response)
    {
        Assert.True(response.Success, response.Error);
        return JsonDocument.Parse(response.Data).RootElement.EnumerateArray().ToList();
    }

}
