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

    /// <summary>Share of records (0 to 1) in which the field is null.</summary>
    public double? NullRate { get; init; }

    /// <summary>Share of records (0 to 1) that leave the field out.</summary>
    public double? MissingRate { get; init; }
}
