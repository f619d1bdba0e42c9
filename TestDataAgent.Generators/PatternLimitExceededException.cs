namespace TestDataAgent.Generators;

/// <summary>A pattern that would cost more than a <see cref="PatternOptions"/> bound; the message names the setting.</summary>
public sealed class PatternLimitExceededException(string setting, string message) : ArgumentException(message)
{
    /// <summary>The configuration key of the bound, e.g. <c>Generation:Patterns:MaxBuildWork</c>.</summary>
    public string Setting { get; } = setting;
}
