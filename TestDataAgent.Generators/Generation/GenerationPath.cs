namespace TestDataAgent.Generators.Generation;

/// <summary>The four ways to make a record. The numeric values are the wire's <c>GenerationMethod</c> values.</summary>
public enum GenerationPath
{
    Traditional = 0,
    Llm = 1,
    Rag = 2,
    Hybrid = 3,
}

public static class GenerationPathNames
{
    /// <summary>The wire name used in <c>metadata.generation_path</c>: traditional, llm, rag or hybrid.</summary>
    public static string ToWireName(this GenerationPath path) => path switch
    {
        GenerationPath.Traditional => "traditional",
        GenerationPath.Llm => "llm",
        GenerationPath.Rag => "rag",
        GenerationPath.Hybrid => "hybrid",
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
    };
}
