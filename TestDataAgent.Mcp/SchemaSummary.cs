namespace TestDataAgent.Mcp;

/// <summary><c>list_schemas</c>' answer for one entity: its fields with their type, whether required, and an example value.</summary>
public sealed record SchemaSummary(string Name, string Domain, string Description, IReadOnlyList<SchemaFieldSummary> Fields);

/// <summary>One field of a <see cref="SchemaSummary"/>.</summary>
public sealed record SchemaFieldSummary(string Name, string Type, bool Required, string Description, string Example);
