using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Traditional;

/// <summary>Makes one field's value; <paramref name="scope"/> is the object being filled (earlier fields are set).</summary>
public delegate object? ValueGenerator(GenerationContext context, DataRecord scope);
