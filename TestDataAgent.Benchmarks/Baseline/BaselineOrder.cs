using System.Text.Json.Serialization;

namespace TestDataAgent.Benchmarks.Baseline;

/// <summary>A hand-written POCO shaped like the built-in <c>order</c> schema (04-order.json), for the Faker&lt;T&gt; baseline.</summary>
public sealed class BaselineOrder
{
    public string OrderId { get; set; } = "";
    public string CustomerId { get; set; } = "";
    public List<BaselineOrderItem> Items { get; set; } = [];
    public BaselinePostalAddress ShippingAddress { get; set; } = new();
    public BaselinePostalAddress? BillingAddress { get; set; }
    public PaymentMethod PaymentMethod { get; set; }
    public OrderStatus Status { get; set; }
    public decimal Subtotal { get; set; }
    public decimal Tax { get; set; }
    public decimal Shipping { get; set; }
    public decimal Discount { get; set; }
    public decimal Total { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    [JsonPropertyName("_scenario")]
    public string Scenario { get; set; } = "default";
    [JsonPropertyName("_index")]
    public long Index { get; set; }
}
