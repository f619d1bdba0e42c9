namespace TestDataAgent.Generators.Pipeline;

/// <summary>A unary request's answer: its <see cref="Result"/>, or an <see cref="Error"/> that names the field and the rule.</summary>
public sealed record GenerationOutcome(GenerationResult? Result, string? Error)
{
    public static GenerationOutcome Succeeded(GenerationResult result) => new(result, null);

    public static GenerationOutcome Failed(string error) => new(null, error);
}
