namespace TestDataAgent.Benchmarks.Baseline;

/// <summary>A <see cref="BaselineOrder"/>'s shipping or billing address.</summary>
public sealed class BaselinePostalAddress
{
    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public string State { get; set; } = "";
    public string Zip { get; set; } = "";
    public string Country { get; set; } = "US";
}
