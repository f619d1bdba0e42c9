namespace TestDataAgent.Benchmarks.Baseline;

/// <summary>One of a <see cref="BaselineUser"/>'s saved addresses.</summary>
public sealed class BaselineSavedAddress
{
    public AddressLabel Label { get; set; }
    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public string State { get; set; } = "";
    public string Zip { get; set; } = "";
    public string Country { get; set; } = "US";
    public bool IsDefault { get; set; }
}
