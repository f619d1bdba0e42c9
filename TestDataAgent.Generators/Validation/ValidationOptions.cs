using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// Limits on the JSON Schemas <c>ValidateData</c> evaluates by the specification, bound from the <c>Validation</c> section.
/// Each keeps one call's cost bounded whatever the schema: no schema can stall the service or overflow its stack.
/// </summary>
public sealed class ValidationOptions
{
    public const string SectionName = "Validation";

    /// <summary>Most subschemas (JSON objects) one JSON Schema may hold; building a schema costs up to the square of its <c>$ref</c> chains.</summary>
    [Range(1, 20_000)]
    public int JsonSchemaMaxNodes { get; set; } = 2_000;

    /// <summary>Most regular expressions (<c>pattern</c> values and <c>patternProperties</c> names) one JSON Schema may hold.</summary>
    [Range(0, 10_000)]
    public int JsonSchemaMaxPatterns { get; set; } = 500;

    /// <summary>
    /// Longest chain of subschemas applied to one value (<c>$ref</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>, <c>not</c>,
    /// <c>if</c>/<c>then</c>/<c>else</c>, <c>dependentSchemas</c> hops). With the data's nesting (at most 64) it bounds the stack.
    /// </summary>
    [Range(1, 128)]
    public int JsonSchemaMaxDepth { get; set; } = 64;

    /// <summary>
    /// Most subschemas applied to one value when every such hop is followed; a definition used twice counts twice, so
    /// chains of definitions that each use the next twice (2, 4, 8 … evaluations) are refused up front.
    /// </summary>
    [Range(1, 10_000_000)]
    public int JsonSchemaMaxExpansion { get; set; } = 10_000;

    /// <summary>
    /// Longest a <c>pattern</c> may take on one value when it needs the backtracking engine (lookarounds, backreferences);
    /// other patterns run in linear time. A value that takes longer stops the call with an error naming the pattern.
    /// </summary>
    [Range(1, 10_000)]
    public int JsonSchemaPatternTimeoutMilliseconds { get; set; } = 100;
}
