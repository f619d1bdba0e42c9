namespace TestDataAgent.Generators.Generation;

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
