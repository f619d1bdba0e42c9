using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Api.Mapping;

/// <summary>Maps the wire request to the domain's input; validation happens in the domain, once.</summary>
internal static class RequestMapper
{
    public static GenerationRequestInput ToInput(GenerateRequest request) => new()
    {
        RequestId = request.RequestId,
        Domain = request.Domain,
        Entity = request.Entity,
        PredefinedSchema = request.Schema?.PredefinedSchema ?? "",
        SchemaFields = ToFieldSpecs(request.Schema?.Fields),
        Constraints = ToConstraints(request.Constraints),
        Scenarios = request.Scenarios
            .Select(s => new ScenarioInput(s.Name, s.Count, new Dictionary<string, string>(s.Overrides), s.Description))
            .ToList(),
        Context = request.Context,
        Hints = request.Hints.ToList(),
        OutputFormat = (int)request.OutputFormat,
        Count = request.Count,
        UseCache = request.UseCache,
        LearnFromHistory = request.LearnFromHistory,
        DefectTriggering = request.DefectTriggering,
        ProductionLike = request.ProductionLike,
        InlineSchema = request.InlineSchema,
        GenerationMethod = (int)request.GenerationMethod,
        CustomSchema = request.CustomSchema,
        Seed = request.HasSeed ? request.Seed : null,
        ReferenceTime = request.ReferenceTime,
        Locale = request.Locale,
        SqlDialect = request.SqlDialect,
        Partition = request.Partition is { } partition ? (partition.Index, partition.Count) : null,
    };

    public static IReadOnlyList<FieldSpecInput> ToFieldSpecs(IEnumerable<Field>? fields) =>
        fields?.Select(f => new FieldSpecInput(f.Name, (int)f.Type, f.Required, f.Description, ToFieldSpecs(f.NestedFields))).ToList() ?? [];

    public static IReadOnlyDictionary<string, FieldConstraintInput> ToConstraints(Constraints? constraints) =>
        constraints?.FieldConstraints.ToDictionary(c => c.Key, c => ToConstraint(c.Value), StringComparer.Ordinal)
            ?? new Dictionary<string, FieldConstraintInput>();

    // proto3 `optional` fields keep presence: an absent bound is null, never 0.
    private static FieldConstraintInput ToConstraint(FieldConstraint constraint) => new()
    {
        Min = constraint.HasMin ? constraint.Min : null,
        Max = constraint.HasMax ? constraint.Max : null,
        EnumValues = constraint.EnumValues.ToList(),
        Regex = constraint.HasRegex ? constraint.Regex : null,
        MinLength = constraint.HasMinLength ? constraint.MinLength : null,
        MaxLength = constraint.HasMaxLength ? constraint.MaxLength : null,
        Format = constraint.HasFormat ? constraint.Format : null,
        NullRate = constraint.HasNullRate ? constraint.NullRate : null,
        MissingRate = constraint.HasMissingRate ? constraint.MissingRate : null,
    };
}
