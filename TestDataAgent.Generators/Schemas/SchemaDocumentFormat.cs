namespace TestDataAgent.Generators.Schemas;

/// <summary>The two formats a request's <c>inline_schema</c> or <c>custom_schema</c> may be written in.</summary>
public enum SchemaDocumentFormat
{
    /// <summary>The service's own format (the original registry's): <c>name</c>, <c>domain</c>, <c>fields</c> …</summary>
    Own,

    /// <summary>JSON Schema (2020-12 unless <c>$schema</c> names another draft).</summary>
    JsonSchema,
}
