using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>A schema sent with a request: the field that carried it (<c>inline_schema</c> or <c>custom_schema</c>), its text and its format.</summary>
public sealed record SchemaDocument(string Field, string Text, SchemaDocumentFormat Format);
