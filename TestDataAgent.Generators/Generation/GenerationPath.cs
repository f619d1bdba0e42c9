namespace TestDataAgent.Generators.Generation;

/// <summary>The four ways to make a record. The numeric values are the wire's <c>GenerationMethod</c> values.</summary>
public enum GenerationPath
{
    Traditional = 0,
    Llm = 1,
    Rag = 2,
    Hybrid = 3,
}
