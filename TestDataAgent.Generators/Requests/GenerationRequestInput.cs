namespace TestDataAgent.Generators.Requests;

/// <summary>
/// A request as the caller sent it, before validation: the transport maps its wire message to this and
/// <see cref="GenerationRequestValidator"/> turns it into a <see cref="GenerationRequest"/>.
/// </summary>
public sealed record GenerationRequestInput
{
    public string RequestId { get; init; } = "";
    public string Domain { get; init; } = "";
    public string Entity { get; init; } = "";
    public string PredefinedSchema { get; init; } = "";
    public IReadOnlyList<FieldSpecInput> SchemaFields { get; init; } = [];
    public IReadOnlyDictionary<string, FieldConstraintInput> Constraints { get; init; } = new Dictionary<string, FieldConstraintInput>();
    public IReadOnlyList<ScenarioInput> Scenarios { get; init; } = [];
    public string Context { get; init; } = "";
    public IReadOnlyList<string> Hints { get; init; } = [];
    public int OutputFormat { get; init; }
    public int Count { get; init; }
    public bool UseCache { get; init; }
    public bool LearnFromHistory { get; init; }
    public bool DefectTriggering { get; init; }
    public bool ProductionLike { get; init; }
    public string InlineSchema { get; init; } = "";
    public int GenerationMethod { get; init; }
    public string CustomSchema { get; init; } = "";
    public long? Seed { get; init; }
    public string ReferenceTime { get; init; } = "";

    /// <summary>One locale (<c>de_DE</c>) or a weighted mix (<c>de_DE=60,fr_FR=40</c>); empty for the original American data.</summary>
    public string Locale { get; init; } = "";

    /// <summary>SQL output's dialect by name (<see cref="Output.SqlDialects"/>); empty is ANSI.</summary>
    public string SqlDialect { get; init; } = "";

    /// <summary>The partition asked for (<c>partition.index</c>, <c>partition.count</c>), or <see langword="null"/> for the whole run.</summary>
    public (int Index, int Count)? Partition { get; init; }

    /// <summary>Retrieval draws only from this owner's patterns and those without an owner; <see langword="null"/>: from all (set by access control, never by a caller).</summary>
    public string? PatternOwner { get; init; }
}
