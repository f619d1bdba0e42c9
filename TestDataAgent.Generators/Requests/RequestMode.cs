namespace TestDataAgent.Generators.Requests;

/// <summary>Unary requests answer in one message and have a lower record limit than streams.</summary>
public enum RequestMode
{
    Unary,
    Stream,
}
