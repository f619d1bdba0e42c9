using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Cli;

/// <summary>
/// <c>--server</c>: the same command line streamed from a service over real sockets gives the embedded run's bytes, and a
/// refusal or an unreachable service is an error on stderr with its own exit code.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class CliServerModeTests(ApiFixture api)
{
    private const string JsonSchema = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"gadget","type":"object",
         "properties":{"gadget_id":{"type":"string","format":"uuid"},"weight":{"type":"number","minimum":1,"maximum":9},
                       "colour":{"enum":["red","green","blue"]}},
         "required":["gadget_id","weight","colour"]}
        """;

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    [InlineData("sql")]
    [InlineData("json")]
    public async Task ServerModeGivesTheEmbeddedBytesForASeedWithConstraintsAndScenarios(string format)
    {
        string[] request =
        [
            "generate", "product", "-n", "300", "-f", format, "--seed", "11", "--locale", "de_DE",
            "--constraint", "price.min=20", "--constraint", "price.max=80",
            "--scenario", "discontinued:40,in_stock=false", "--scenario", "rest",
        ];

        var embedded = await CliRun.RunAsync(request);
        var served = await CliRun.RunAsync([.. request, "--server", api.GrpcAddress.ToString()]);

        Assert.Equal(0, embedded.ExitCode);
        Assert.Equal("", embedded.Stderr);
        Assert.Equal(0, served.ExitCode);
        Assert.Equal("", served.Stderr);
        Assert.Contains("discontinued", embedded.StdoutText, StringComparison.Ordinal);
        Assert.Equal(embedded.Stdout, served.Stdout);
    }

    [Fact]
    public async Task AJsonSchemaFileGivesTheSameBytesEmbeddedAndFromTheServer()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var schema = Path.Combine(directory.Path, "gadget.schema.json");
        await File.WriteAllTextAsync(schema, JsonSchema);

        var embedded = await CliRun.RunAsync("generate", "-n", "50", "-f", "ndjson", "--seed", "5", "--schema", schema);
        var served = await CliRun.RunAsync("generate", "-n", "50", "-f", "ndjson", "--seed", "5", "--schema", schema, "--server", api.GrpcAddress.ToString());

        Assert.Equal(0, embedded.ExitCode);
        Assert.Equal(50, embedded.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(embedded.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("\"colour\":", line, StringComparison.Ordinal));
        Assert.Equal(embedded.Stdout, served.Stdout);
    }

    [Fact]
    public async Task ARequestTheServerRefusesExitsWithTwoAndTheServersMessage()
    {
        var run = await CliRun.RunAsync("generate", "unicorn", "-n", "5", "--server", api.GrpcAddress.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unicorn", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task AnUnreachableServerExitsWithThreeWritingNoFile()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "users.csv");

        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var run = await CliRun.RunAsync("generate", "user", "-n", "5", "-f", "csv", "-o", path, "--server", "http://127.0.0.1:1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Unavailable", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "a failed call left a file behind");
    }

    [Fact]
    public async Task ValidateOnTheServerReportsAPlantedViolationAsTheEmbeddedCheckDoes()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "orders.ndjson");
        Assert.Equal(0, (await CliRun.RunAsync("generate", "order", "-n", "20", "-f", "ndjson", "--seed", "2", "-o", path)).ExitCode);
        await CliValidateTests.PlantNegativeTotalAsync(path, row: 7);

        var embedded = await CliRun.RunAsync("validate", path, "--entity", "order");
        var served = await CliRun.RunAsync("validate", path, "--entity", "order", "--server", api.GrpcAddress.ToString());

        Assert.Equal(1, served.ExitCode);
        Assert.Contains("7\ttotal\tmin\t", served.StdoutText, StringComparison.Ordinal);
        Assert.Equal(embedded.StdoutText, served.StdoutText);
    }

    [Fact]
    public async Task DatasetFromTheServerWritesTheEmbeddedFiles()
    {
        using var embedded = new TempDirectory("cli-ds");
        using var served = new TempDirectory("cli-ds");

        var local = await CliRun.RunAsync("dataset", "ecommerce_core", "-o", embedded.Path, "-f", "csv", "--seed", "8", "--table", "customers=12");
        var remote = await CliRun.RunAsync("dataset", "ecommerce_core", "-o", served.Path, "-f", "csv", "--seed", "8", "--table", "customers=12", "--server", api.GrpcAddress.ToString());

        Assert.Equal(0, local.ExitCode);
        Assert.Equal(0, remote.ExitCode);
        var files = Directory.GetFiles(embedded.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(8, files.Count);
        Assert.Equal(files, Directory.GetFiles(served.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(embedded.Path, f!)), File.ReadAllBytes(Path.Combine(served.Path, f!))));
    }
}
