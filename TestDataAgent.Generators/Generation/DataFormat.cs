namespace TestDataAgent.Generators.Generation;

/// <summary>Output formats; the numeric values are the wire's <c>OutputFormat</c> values.</summary>
public enum DataFormat
{
    Json = 0,
    Csv = 1,
    Sql = 2,
    Ndjson = 3,
}
