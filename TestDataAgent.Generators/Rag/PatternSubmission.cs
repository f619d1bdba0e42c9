namespace TestDataAgent.Generators.Rag;

/// <summary>Records a caller wants the RAG path to learn from (the domain side of <c>RecordPatterns</c>).</summary>
public sealed record PatternSubmission
{
    public string Domain { get; init; } = "";
    public required string Entity { get; init; }
    public PatternCategory Kind { get; init; }

    /// <summary>A JSON array of records, each valid for the entity's schema.</summary>
    public required string Data { get; init; }

    public string Scenario { get; init; } = "";
    public string Description { get; init; } = "";

    /// <summary>0 to 1; 0 means "not given" and is stored as 0.5.</summary>
    public double QualityScore { get; init; }

    /// <summary>For defects: low, medium, high or critical.</summary>
    public string Severity { get; init; } = "";

    /// <summary>Who records them (the caller's name); recording a pattern again under the same name changes nothing.</summary>
    public string Owner { get; init; } = "";

    /// <summary>The records are synthetic already: store them as sent, without replacing personal data.</summary>
    public bool Synthetic { get; init; }
}
