using System.Globalization;
using System.Text.Json;

namespace TestDataAgent.Tests.Datasets;

/// <summary>
/// The e-commerce cross-table rules, checked on the rows as a caller reads them, by code that shares nothing with the
/// generator: keys are looked up in the parent tables' rows, money summed and dates compared here.
/// </summary>
internal static class EcommerceInvariants
{
    public static void Hold(Dictionary<string, List<JsonElement>> tables, DateTimeOffset referenceTime)
    {
        var customers = ById(tables["customers"], "customer_id");
        var products = ById(tables["products"], "product_id");
        var orders = ById(tables["orders"], "order_id");
        var payments = ById(tables["payments"], "payment_id");
        var items = tables["order_items"];
        var itemsByOrder = items.ToLookup(i => Text(i, "order_id"));
        var paymentsByOrder = tables["payments"].ToLookup(p => Text(p, "order_id"));
        var shipmentsByOrder = tables["shipments"].ToLookup(s => Text(s, "order_id"));

        foreach (var order in orders.Values)
        {
            var customer = customers[Text(order, "customer_id")];
            Assert.True(Time(order, "created_at") >= Time(customer, "registration_date"), $"order {Text(order, "order_id")} precedes its customer's registration");
            Assert.Equal(itemsByOrder[Text(order, "order_id")].Sum(i => Money(i, "total_price")), Money(order, "subtotal"));
            Assert.Equal(Money(order, "subtotal") + Money(order, "tax") + Money(order, "shipping") - Money(order, "discount"), Money(order, "total"));
        }

        foreach (var item in items)
        {
            Assert.True(orders.ContainsKey(Text(item, "order_id")));
            var product = products[Text(item, "product_id")];
            Assert.Equal(Money(product, "price"), Money(item, "unit_price"));
            Assert.Equal(Math.Round(Money(item, "unit_price") * item.GetProperty("quantity").GetInt32(), 2), Money(item, "total_price"));
        }

        foreach (var payment in payments.Values)
        {
            var order = orders[Text(payment, "order_id")];
            Assert.Equal(Money(order, "total"), Money(payment, "amount"));
            Assert.True(Time(payment, "created_at") > Time(order, "created_at"));
        }

        foreach (var shipment in tables["shipments"])
        {
            var orderId = Text(shipment, "order_id");
            Assert.True(orders.ContainsKey(orderId));
            foreach (var payment in paymentsByOrder[orderId])
            {
                Assert.True(Time(shipment, "ship_date") > LatestPaymentTime(payment), $"shipment of {orderId} leaves before its payment");
            }

            Assert.True(Time(shipment, "delivery_date") > Time(shipment, "ship_date"));
        }

        foreach (var review in tables["reviews"])
        {
            var customerId = Text(review, "user_id");
            Assert.True(customers.ContainsKey(customerId));
            // Some order of this customer holds the product and was delivered before the review.
            var delivered = orders.Values
                .Where(o => Text(o, "customer_id") == customerId && itemsByOrder[Text(o, "order_id")].Any(i => Text(i, "product_id") == Text(review, "product_id")))
                .SelectMany(o => shipmentsByOrder[Text(o, "order_id")])
                .Any(s => Time(s, "delivery_date") < Time(review, "created_at"));
            Assert.True(delivered, $"review {Text(review, "review_id")} is not of a product its customer ordered and received before it");
        }

        foreach (var refund in tables["refunds"])
        {
            var payment = payments[Text(refund, "payment_id")];
            Assert.Equal(Text(payment, "order_id"), Text(refund, "order_id"));
            Assert.True(Money(refund, "amount") <= Money(payment, "amount"));
            Assert.True(Money(refund, "amount") > 0);
            Assert.True(Time(refund, "created_at") > LatestPaymentTime(payment));
        }

        foreach (var row in tables.Values.SelectMany(t => t).Where(r => r.TryGetProperty("created_at", out _)))
        {
            Assert.True(Time(row, "created_at") <= referenceTime);
        }
    }

    /// <summary>Every primary key unique; every row keyed by it.</summary>
    public static Dictionary<string, JsonElement> ById(List<JsonElement> rows, string key)
    {
        var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            Assert.True(byId.TryAdd(Text(row, key), row), $"{key} {Text(row, key)} repeats");
        }

        return byId;
    }

    public static string Text(JsonElement row, string field) => row.GetProperty(field).ToString();

    private static decimal Money(JsonElement row, string field) => row.GetProperty(field).GetDecimal();

    private static DateTimeOffset Time(JsonElement row, string field) =>
        DateTimeOffset.Parse(row.GetProperty(field).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateTimeOffset LatestPaymentTime(JsonElement payment) =>
        new[] { "created_at", "authorized_at", "captured_at" }
            .Where(f => payment.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String)
            .Max(f => Time(payment, f));
}
