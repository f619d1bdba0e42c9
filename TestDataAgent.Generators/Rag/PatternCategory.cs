namespace TestDataAgent.Generators.Rag;

/// <summary>What a stored pattern is; the numeric values are the wire's <c>PatternKind</c> values.</summary>
public enum PatternCategory
{
    /// <summary>A good example record (collection <c>TestDataPattern</c>).</summary>
    Pattern = 0,

    /// <summary>A record that once triggered a defect (collection <c>DefectPattern</c>).</summary>
    Defect = 1,

    /// <summary>An anonymised production-like record with per-field value frequencies (collection <c>ProductionSample</c>).</summary>
    ProductionSample = 2,
}
