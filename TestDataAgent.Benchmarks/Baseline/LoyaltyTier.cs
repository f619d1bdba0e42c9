using System.Text.Json.Serialization;

namespace TestDataAgent.Benchmarks.Baseline;

public enum LoyaltyTier
{
    [JsonStringEnumMemberName("bronze")] Bronze,
    [JsonStringEnumMemberName("silver")] Silver,
    [JsonStringEnumMemberName("gold")] Gold,
    [JsonStringEnumMemberName("platinum")] Platinum,
}
