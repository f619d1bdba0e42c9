using System.Text.Json.Serialization;

namespace TestDataAgent.Benchmarks.Baseline;

/// <summary>A hand-written POCO shaped like the built-in <c>user</c> schema (14-user.json), for the Faker&lt;T&gt; baseline.</summary>
public sealed class BaselineUser
{
    public string UserId { get; set; } = "";
    public string Email { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Phone { get; set; }
    public List<BaselineSavedAddress> Addresses { get; set; } = [];
    public LoyaltyTier LoyaltyTier { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastLogin { get; set; }
    [JsonPropertyName("_scenario")]
    public string Scenario { get; set; } = "default";
    [JsonPropertyName("_index")]
    public long Index { get; set; }
}
