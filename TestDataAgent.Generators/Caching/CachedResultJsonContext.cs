using System.Text.Json.Serialization;
using TestDataAgent.Generators.Pipeline;

namespace TestDataAgent.Generators.Caching;

/// <summary>How a cached unary result is stored: the <see cref="GenerationResult"/> itself, serialised without reflection.</summary>
[JsonSerializable(typeof(GenerationResult))]
internal sealed partial class CachedResultJsonContext : JsonSerializerContext;
