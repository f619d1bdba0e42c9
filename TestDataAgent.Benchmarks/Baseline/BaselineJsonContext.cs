using System.Text.Json.Serialization;

namespace TestDataAgent.Benchmarks.Baseline;

/// <summary>
/// Source-generated System.Text.Json metadata for the baseline POCOs: snake_case names and string enums, absent
/// optional fields left out, as our records are written.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<BaselineUser>))]
[JsonSerializable(typeof(List<BaselineOrder>))]
public sealed partial class BaselineJsonContext : JsonSerializerContext;
