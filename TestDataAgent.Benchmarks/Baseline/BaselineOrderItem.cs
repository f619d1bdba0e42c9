namespace TestDataAgent.Benchmarks.Baseline;

/// <summary>One line of a <see cref="BaselineOrder"/>.</summary>
public sealed class BaselineOrderItem
{
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public int Quantity { get; set; }
    public decimal Price { get; set; }
}
