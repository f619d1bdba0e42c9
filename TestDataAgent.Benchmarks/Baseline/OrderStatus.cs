using System.Text.Json.Serialization;

namespace TestDataAgent.Benchmarks.Baseline;

public enum OrderStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("confirmed")] Confirmed,
    [JsonStringEnumMemberName("shipped")] Shipped,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
