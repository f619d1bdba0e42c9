namespace TestDataAgent.Generators.Requests;

/// <summary>A request that cannot be served; the message names the field and the rule it breaks.</summary>
public sealed class InvalidRequestException(string field, string message) : Exception(message)
{
    /// <summary>The request field at fault, as a path (<c>count</c>, <c>scenarios[1].overrides.rating</c>).</summary>
    public string Field { get; } = field;
}
