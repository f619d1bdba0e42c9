using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>The settings of the regex and pattern store bounds are validated at start: a bad value stops the service, naming it.</summary>
public sealed class BoundSettingsTests
{
    [Theory]
    [InlineData("Generation:Patterns:MaxBuildWork", "5", "MaxBuildWork")]
    [InlineData("Generation:Patterns:MaxGeneratorBytes", "1000000000000", "MaxGeneratorBytes")]
    [InlineData("Generation:Patterns:MatchTimeoutMilliseconds", "0", "MatchTimeoutMilliseconds")]
    [InlineData("Generation:Patterns:ValidationCacheBytes", "-1", "ValidationCacheBytes")]
    [InlineData("Rag:Embedded:MinFreeDiskBytes", "-1", "MinFreeDiskBytes")]
    public void AnInvalidBoundStopsTheServiceAtStartNamingTheSetting(string key, string value, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "", [key] = value }));

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
