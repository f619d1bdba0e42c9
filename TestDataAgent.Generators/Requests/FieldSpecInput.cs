namespace TestDataAgent.Generators.Requests;

/// <summary>
/// One entry of the request's <c>schema.fields</c> tree, as sent: the wire's <c>FieldType</c> number (STRING = 0 …
/// ARRAY = 12), with nested fields for OBJECT and for the items of an ARRAY.
/// </summary>
public sealed record FieldSpecInput(string Name, int Type, bool Required, string Description, IReadOnlyList<FieldSpecInput> NestedFields);
