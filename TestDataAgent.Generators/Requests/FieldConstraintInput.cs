namespace TestDataAgent.Generators.Requests;

/// <summary>One entry of the request's <c>constraints.field_constraints</c>, as sent; absent bounds are null.</summary>
public sealed record FieldConstraintInput
{
    public double? Min { get; init; }
    public double? Max { get; init; }
    public IReadOnlyList<string> EnumValues { get; init; } = [];
    public string? Regex { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public string? Format { get; init; }
}
