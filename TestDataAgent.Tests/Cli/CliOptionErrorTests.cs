namespace TestDataAgent.Tests.Cli;

/// <summary>A bad <c>--constraint</c>, <c>--scenario</c>, <c>--schema</c>, <c>--method</c> or <c>--partitions</c>: exit code 2, the input and the rule on stderr, no data.</summary>
public sealed class CliOptionErrorTests
{
    [Theory]
    [InlineData("invalid constraint", "--constraint", "price=10")]
    [InlineData("names rule 'avg'", "--constraint", "price.avg=10")]
    [InlineData("needs a number", "--constraint", "price.min=ten")]
    [InlineData("invalid scenario", "--scenario", ":5")]
    [InlineData("neither a count", "--scenario", "vip:0")]
    [InlineData("is not field=value", "--scenario", "vip:5,tier")]
    [InlineData("invalid schema", "--schema", "/nonexistent/schema.json")]
    [InlineData("invalid method", "--method", "llm")]
    [InlineData("invalid partitions", "--partitions", "2")]
    [InlineData("invalid server", "--server", "ftp://example")]
    public async Task ABadOptionExitsWithTwoNamingTheInputAndTheRule(string error, string option, string value)
    {
        var run = await CliRun.RunAsync("generate", "product", "-n", "5", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(error, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task AConstraintTheServiceRefusesNamesTheFieldAndTheRule()
    {
        var run = await CliRun.RunAsync("generate", "product", "-n", "5", "--constraint", "price.min=50", "--constraint", "price.max=10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("price", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }
}
