namespace TestDataAgent.Generators.Requests;

/// <summary>
/// A request that cannot be served; the message names the field and the rule it breaks. Both are cut
/// (<see cref="Echo"/>) whatever the thrower quoted, so caller text never makes a huge error or log line.
/// </summary>
public sealed class InvalidRequestException(string field, string message) : Exception(Echo.Cut(message, Echo.MaxMessageChars))
{
    /// <summary>The request field at fault, as a path (<c>count</c>, <c>scenarios[1].overrides.rating</c>).</summary>
    public string Field { get; } = Echo.Quote(field);
}
