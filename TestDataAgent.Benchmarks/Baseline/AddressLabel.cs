using System.Text.Json.Serialization;

namespace TestDataAgent.Benchmarks.Baseline;

public enum AddressLabel
{
    [JsonStringEnumMemberName("home")] Home,
    [JsonStringEnumMemberName("work")] Work,
    [JsonStringEnumMemberName("other")] Other,
}
