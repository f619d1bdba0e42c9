namespace TestDataAgent.Generators.Rag;

/// <summary>What was stored: the IDs, in the order of the submitted records (one ID for a production sample batch).</summary>
public sealed record PatternRecordResult(int Stored, IReadOnlyList<string> Ids);
