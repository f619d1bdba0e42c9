using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary><c>ValidateDataset</c> over real sockets: a generated dataset sent back checks clean; a planted orphan is named.</summary>
[Collection(ApiGroup.Name)]
public sealed class ValidateDatasetTests(ApiFixture api)
{
    [Fact]
    public async Task TablesFromGenerateDatasetCheckCleanAndARemovedCustomerLeavesNamedOrphans()
    {
        var tables = await GenerateAsync();
        var clean = await api.Client.ValidateDatasetAsync(Request(tables), deadline: Deadlines.Call());
        var firstOrder = JsonDocument.Parse(tables["orders"].Split('\n')[0]).RootElement;
        var customer = firstOrder.GetProperty("customer_id").GetString()!;
        tables["customers"] = string.Join('\n', tables["customers"].Split('\n').Where(l => !l.Contains($"\"{customer}\"", StringComparison.Ordinal)));

        var broken = await api.Client.ValidateDatasetAsync(Request(tables), deadline: Deadlines.Call());

        Assert.True(clean.Valid, string.Join("\n", clean.Violations.Take(5).Select(v => v.Message)));
        Assert.Equal(0, clean.OrphanCount);
        Assert.Equal(tables["orders"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, clean.RowCounts["orders"]);
        Assert.False(broken.Valid);
        Assert.True(broken.OrphanCount >= 1);
        Assert.Contains(broken.Violations, v => v is { Table: "orders", Row: 0, Field: "customer_id", Rule: "orphan" } && v.Message.Contains(customer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheJsonRouteAnswersTheSameCheck()
    {
        var tables = await GenerateAsync();
        tables["customers"] = "";

        using var response = await api.Http.PostAsJsonAsync("/v1/datasets/validate", new { preset = "ecommerce_core", data = tables, format = "NDJSON" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.False(body.TryGetProperty("valid", out var valid) && valid.GetBoolean());
        var orphans = body.GetProperty("orphanCount");
        Assert.True((orphans.ValueKind == JsonValueKind.String ? long.Parse(orphans.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : orphans.GetInt64()) > 0);
        Assert.Contains(body.GetProperty("violations").EnumerateArray(), v => v.GetProperty("rule").GetString() == "orphan" && v.GetProperty("table").GetString() == "orders");
    }

    [Fact]
    public async Task ATableNotInTheGraphIsInvalidArgument()
    {
        var request = new ValidateDatasetRequest { Preset = "ecommerce_core" };
        request.Data["unicorns"] = "";

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.ValidateDatasetAsync(request, deadline: Deadlines.Call()));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("unicorns", refused.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string>> GenerateAsync()
    {
        var request = new GenerateDatasetRequest { Preset = "ecommerce_core", Seed = 21, OutputFormat = OutputFormat.Ndjson };
        request.Tables.Add(new DatasetTable { Name = "customers", Count = 5 });
        request.Tables.Add(new DatasetTable { Name = "products", Count = 4 });
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        using var call = api.Client.GenerateDataset(request, deadline: Deadlines.Call());
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            if (chunk.Table.Length > 0)
            {
                tables[chunk.Table] = tables.GetValueOrDefault(chunk.Table, "") + chunk.Data;
            }
        }

        return tables;
    }

    private static ValidateDatasetRequest Request(Dictionary<string, string> tables)
    {
        var request = new ValidateDatasetRequest { Preset = "ecommerce_core", Format = OutputFormat.Ndjson };
        request.Data.Add(tables);
        return request;
    }
}
