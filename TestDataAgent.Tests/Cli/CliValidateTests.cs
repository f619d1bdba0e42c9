using System.Text.Json.Nodes;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Cli;

/// <summary><c>testdata validate</c> embedded: every violation by record, field and rule on stdout; 0 valid, 1 invalid, 2 bad input.</summary>
public sealed class CliValidateTests
{
    /// <summary>Sets record <paramref name="row"/>'s <c>total</c> below the order schema's minimum of 0.</summary>
    internal static async Task PlantNegativeTotalAsync(string path, int row)
    {
        var lines = await File.ReadAllLinesAsync(path);
        var record = JsonNode.Parse(lines[row])!.AsObject();
        record["total"] = -5;
        lines[row] = record.ToJsonString();
        await File.WriteAllLinesAsync(path, lines);
    }

    [Fact]
    public async Task GeneratedRecordsAreValidWithExitCodeZeroAndNoViolations()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "orders.csv");
        Assert.Equal(0, (await CliRun.RunAsync("generate", "user", "-n", "40", "-f", "csv", "--seed", "9", "-o", path)).ExitCode);

        var run = await CliRun.RunAsync("validate", path, "--entity", "user");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("40 records, all valid", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlantedViolationIsPrintedByRecordFieldAndRuleWithExitCodeOne()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "orders.ndjson");
        Assert.Equal(0, (await CliRun.RunAsync("generate", "order", "-n", "20", "-f", "ndjson", "--seed", "2", "-o", path)).ExitCode);
        await PlantNegativeTotalAsync(path, row: 7);

        var run = await CliRun.RunAsync("validate", path, "--entity", "order");

        Assert.Equal(1, run.ExitCode);
        var violations = run.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Contains(violations, v => v[0] == "7" && v[1] == "total" && v[2] == "min");
        Assert.All(violations, v => Assert.Equal("7", v[0]));
        Assert.Contains("1 of 20 records invalid", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConstraintTheRecordsBreakIsReportedAsAViolation()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "products.json");
        Assert.Equal(0, (await CliRun.RunAsync("generate", "product", "-n", "30", "--seed", "4", "-o", path, "--constraint", "price.min=50")).ExitCode);

        var run = await CliRun.RunAsync("validate", path, "--entity", "product", "--constraint", "price.max=10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\tprice\tmax\t", run.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFileIsBadInputWithExitCodeTwoNotInvalidData()
    {
        using var directory = new TempDirectory("cli");

        var run = await CliRun.RunAsync("validate", Path.Combine(directory.Path, "none.json"), "--entity", "order");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("invalid data", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownEntityIsBadInputWithExitCodeTwo()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "x.json");
        await File.WriteAllTextAsync(path, "[]");

        var run = await CliRun.RunAsync("validate", path, "--entity", "unicorn");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("invalid entity", run.Stderr, StringComparison.Ordinal);
    }
}
