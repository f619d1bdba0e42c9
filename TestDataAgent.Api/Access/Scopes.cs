namespace TestDataAgent.Api.Access;

/// <summary>What a caller may do. <see cref="Admin"/> includes every other scope.</summary>
public static class Scopes
{
    /// <summary>GenerateData, GenerateDataStream (and their JSON routes).</summary>
    public const string Generate = "generate";

    /// <summary>ValidateData and ValidateDataset.</summary>
    public const string Validate = "validate";

    /// <summary>RecordPatterns: writes to the pattern store every caller's RAG output and prompts draw from.</summary>
    public const string PatternsWrite = "patterns:write";

    /// <summary>The <c>/admin</c> routes, and everything else.</summary>
    public const string Admin = "admin";

    /// <summary>The claim that carries one scope (JWTs: a space-separated list in one claim, split when read).</summary>
    public const string ClaimType = "scope";

    public static IReadOnlyList<string> All { get; } = [Generate, Validate, PatternsWrite, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
