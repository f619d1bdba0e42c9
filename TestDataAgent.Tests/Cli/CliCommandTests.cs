using System.Globalization;
using CsvHelper;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Cli;

/// <summary><c>testdata generate</c> and <c>testdata schemas</c> without a server: files, formats, errors and exit codes.</summary>
public sealed class CliCommandTests
{
    [Fact]
    public async Task CsvWrittenToAFileParsesWithCsvHelperAsTheRequestedRows()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "users.csv");

        var run = await CliRun.RunAsync("generate", "user", "-n", "200", "-f", "csv", "-o", path, "--seed", "42");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stdout);
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(200, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("USR-", (string)r["user_id"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownEntityExitsWithTwoAndNamesEntityOnStderrWritingNoData()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "out.json");

        var run = await CliRun.RunAsync("generate", "unicorn", "-n", "5", "-o", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("entity", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("unicorn", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.False(File.Exists(path), "a refused request left a file behind");
    }

    [Fact]
    public async Task AnInvalidCountExitsWithTwoNamingCountAndTheRule()
    {
        var run = await CliRun.RunAsync("generate", "user", "-n", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("count must be at least 1", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task AnUnknownFormatIsRefusedByTheParserWithExitCodeTwo()
    {
        var run = await CliRun.RunAsync("generate", "user", "-f", "xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("xml", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task AnUnwritableOutputExitsWithOne()
    {
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);

        var run = await CliRun.RunAsync("generate", "user", "-n", "3", "-o", Path.Combine(directory.Path, "missing", "out.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot write the output", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchemasListsEveryBuiltInEntityWithItsDescription()
    {
        var run = await CliRun.RunAsync("schemas");

        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(36, lines.Length);
        Assert.Equal(TestRequests.AllEntities.Order(StringComparer.Ordinal), lines.Select(l => l.Split('\t')[0]));
        Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Split('\t')[1]), $"no description: {l}"));
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameBytesTwice()
    {
        var first = await CliRun.RunAsync("generate", "product", "-n", "50", "-f", "sql", "--seed", "3");
        var second = await CliRun.RunAsync("generate", "product", "-n", "50", "-f", "sql", "--seed", "3");

        Assert.Equal(0, first.ExitCode);
        Assert.NotEmpty(first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
    }
}
