using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Datasets.Checking;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Datasets;

/// <summary>
/// <c>ValidateDataset</c>'s domain service: a generated dataset checks clean, and each planted break of a key or a
/// cross-table rule is reported by table, row, field and rule.
/// </summary>
public sealed class DatasetCheckTests
{
    private const string ReferenceTime = "2026-06-01T12:00:00Z";

    [Theory]
    [InlineData(3, 4, 1L)]
    [InlineData(25, 10, 77L)]
    public async Task AGeneratedDatasetChecksCleanWithItsRowCounts(int customers, int products, long seed)
    {
        var run = await DatasetRun.PresetAsync(customers, products, seed);
        var tables = Tables(run);

        var report = Check(tables);

        Assert.True(report.Valid, string.Join("\n", report.Violations.Take(5).Select(v => v.Message)));
        Assert.Equal(0, report.OrphanCount);
        Assert.Equal(1f, report.CoherenceScore);
        Assert.Equal(run.Summary.RowCounts.OrderBy(c => c.Key), report.RowCounts.OrderBy(c => c.Key));
    }

    [Fact]
    public async Task ACustomerRemovedLeavesItsOrdersOrphansNamedByTableRowAndKey()
    {
        var tables = Tables(await DatasetRun.PresetAsync(6, 5, 3));
        var customer = tables["customers"].First(c => tables["orders"].Any(o => Text(o, "customer_id") == Text(c, "customer_id")));
        var id = Text(customer, "customer_id");
        var orphans = tables["orders"].Select((o, i) => (o, i)).Where(x => Text(x.o, "customer_id") == id).Select(x => (long)x.i).ToList();
        tables["customers"].Remove(customer);

        var report = Check(tables);

        Assert.False(report.Valid);
        // The customer's reviews name it too (user_id), so the orders are not the only orphans.
        Assert.True(report.OrphanCount >= orphans.Count);
        var found = report.Violations.Where(v => v.Rule == "orphan" && v.Table == "orders").ToList();
        Assert.Equal(orphans, found.Select(v => v.Row));
        Assert.All(found, v =>
        {
            Assert.Equal("orders", v.Table);
            Assert.Equal("customer_id", v.Field);
            Assert.Contains(id, v.Message, StringComparison.Ordinal);
        });
    }

    public static TheoryData<string, string, string, string> PlantedBreaks => new()
    {
        { "order_items", "unit_price", "1.23", "item_price" },
        { "payments", "amount", "0.01", "payment_amount" },
        { "orders", "total", "99999.99", "order_total" },
        { "orders", "subtotal", "0.5", "order_subtotal" },
        { "shipments", "ship_date", "2000-01-01T00:00:00Z", "ship_after_order" },
        { "shipments", "delivery_date", "2000-01-01T00:00:00Z", "delivered_after_shipped" },
        { "payments", "created_at", "2000-01-01T00:00:00Z", "payment_after_order" },
        { "reviews", "created_at", "2000-01-01T00:00:00Z", "review_after_delivery" },
        { "refunds", "amount", "1000000", "refund_at_most_paid" },
        { "refunds", "created_at", "2000-01-01T00:00:00Z", "refund_after_payment" },
        { "orders", "created_at", "2000-01-01T00:00:00Z", "order_after_registration" },
        { "customers", "created_at", "2030-01-01T00:00:00Z", "not_after_reference_time" },
        { "reviews", "product_id", "keep-but-other", "same_as_parent" },
        { "reviews", "user_id", "keep-but-other", "same_as_ancestor" },
        { "refunds", "order_id", "keep-but-other", "same_as_parent" },
    };

    [Theory]
    [MemberData(nameof(PlantedBreaks))]
    public async Task APlantedBreakOfACrossTableRuleIsNamedAtItsRow(string table, string field, string value, string rule)
    {
        var tables = Tables(await DatasetRun.PresetAsync(30, 12, 99));
        var rows = tables[table];
        Assert.NotEmpty(rows);
        var at = rows.Count / 2;
        rows[at][field] = value == "keep-but-other" ? OtherKey(tables, rows[at], field) : Value(value);

        var report = Check(tables);

        Assert.Contains(report.Violations, v => v.Table == table && v.Row == at && v.Field == field && v.Rule == rule);
        Assert.False(report.Valid);
        Assert.True(report.CoherenceScore < 1f);
    }

    [Fact]
    public async Task APrimaryKeyHeldTwiceIsNamedAtTheSecondRow()
    {
        var tables = Tables(await DatasetRun.PresetAsync(4, 6, 5));
        tables["products"][3]["product_id"] = tables["products"][1]["product_id"]!.DeepClone();

        var report = Check(tables);

        var duplicate = Assert.Single(report.Violations, v => v.Rule == "primary_key");
        Assert.Equal(("products", 3L, "product_id"), (duplicate.Table, duplicate.Row, duplicate.Field));
    }

    [Fact]
    public async Task ASecondPaymentForAnOrderBreaksItsChildrenPerParent()
    {
        var tables = Tables(await DatasetRun.PresetAsync(6, 5, 11));
        var second = tables["payments"][0].DeepClone().AsObject();
        second["payment_id"] = "PAY-EXTRA-1";
        tables["payments"].Add(second);
        var order = tables["orders"].FindIndex(o => Text(o, "order_id") == Text(second, "order_id"));

        var report = Check(tables);

        var violation = Assert.Single(report.Violations, v => v.Rule == "children_per_parent");
        Assert.Equal(("orders", (long)order, "payments"), (violation.Table, violation.Row, violation.Field));
        Assert.Contains("max_per_parent", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASchemaViolationInOneTableIsNamedWithItsTable()
    {
        var tables = Tables(await DatasetRun.PresetAsync(4, 4, 2));
        tables["products"][2].Remove("name");

        var report = Check(tables);

        Assert.Contains(report.Violations, v => v is { Table: "products", Row: 2, Field: "name", Rule: "required" });
    }

    [Fact]
    public void ATableNotInTheGraphIsRefusedNamingTheGraphsTables()
    {
        var unknown = Assert.Throws<InvalidRequestException>(() => Check(new Dictionary<string, List<JsonObject>> { ["unicorns"] = [] }));

        Assert.Equal("data", unknown.Field);
        Assert.Contains("unicorns", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("customers", unknown.Message, StringComparison.Ordinal);
    }

    private static DatasetCheckReport Check(Dictionary<string, List<JsonObject>> tables)
    {
        using var services = TestRequests.DomainServices();
        return services.GetRequiredService<DatasetCheckService>().Check(new DatasetCheckInput
        {
            Graph = new DatasetRequestInput { Preset = "ecommerce_core", ReferenceTime = ReferenceTime },
            Data = tables.ToDictionary(t => t.Key, t => string.Concat(t.Value.Select(r => r.ToJsonString() + "\n"))),
            Format = DataFormat.Ndjson,
        });
    }

    internal static Dictionary<string, List<JsonObject>> Tables(DatasetRun run) =>
        run.Tables().ToDictionary(t => t.Key, t => t.Value.Select(r => JsonNode.Parse(r.GetRawText())!.AsObject()).ToList());

    [Fact]
    public async Task ATableLeftOutIsCheckedAsEmptyWithAWarning()
    {
        var tables = Tables(await DatasetRun.PresetAsync(3, 3, 4));
        tables.Remove("refunds");

        var report = Check(tables);

        Assert.True(report.Valid, string.Join("\n", report.Violations.Take(5).Select(v => v.Message)));
        Assert.Equal(0, report.RowCounts["refunds"]);
        Assert.Contains(report.Warnings, w => w.Contains("refunds", StringComparison.Ordinal));
    }

    private static string Text(JsonObject row, string field) => row[field]!.ToString();

    private static JsonNode Value(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(text);

    /// <summary>Another existing key of the column's target table, so the key still names a row, only not the right one.</summary>
    private static JsonNode OtherKey(Dictionary<string, List<JsonObject>> tables, JsonObject row, string field)
    {
        var (target, key) = field switch
        {
            "product_id" => ("products", "product_id"),
            "order_id" => ("orders", "order_id"),
            _ => ("customers", "customer_id"),
        };
        return tables[target].Select(r => r[key]!).First(k => k.ToString() != row[field]!.ToString()).DeepClone();
    }
}
