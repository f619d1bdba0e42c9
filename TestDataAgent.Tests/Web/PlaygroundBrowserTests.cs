using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Web;

/// <summary>The playground end to end, in a real browser (headless chromium), against a real api.</summary>
[Collection(PlaygroundGroup.Name)]
public sealed class PlaygroundBrowserTests(PlaygroundFixture fixture)
{
    [Fact]
    public async Task APreviewShowsTheFirstRecordsWithTheirValidationAndCoherenceScore()
    {
        var page = await fixture.OpenAsync("", "#preview");
        await page.SelectOptionAsync("#generate-entity", "order");
        await PlaygroundFixture.SetAsync(page, "#seed", "42");

        await page.ClickAsync("#preview");
        var rows = page.Locator("#preview-grid tbody tr");
        await rows.Nth(19).WaitForAsync();
        await PlaygroundFixture.ScreenshotAsync(page, "generate-preview");

        Assert.Equal(20, await rows.CountAsync());
        Assert.Equal("valid", await page.InnerTextAsync("#validation"));
        Assert.Equal(1.0, double.Parse(await page.InnerTextAsync("#coherence"), CultureInfo.InvariantCulture));
        Assert.Contains("order_id", await page.InnerTextAsync("#preview-grid thead"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADownloadedCsvHasTheRequestedRowsUnderTheSchemasHeader()
    {
        const int count = 2_500;
        var page = await fixture.OpenAsync("", "#download");
        await page.SelectOptionAsync("#generate-entity", "user");
        await page.SelectOptionAsync("#format", "Csv");
        await PlaygroundFixture.SetAsync(page, "#count", count.ToString(CultureInfo.InvariantCulture));
        await PlaygroundFixture.SetAsync(page, "#seed", "7");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        using var file = new TempDirectory("tda-playground");
        var path = Path.Combine(file.Path, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        await page.Locator("#download-status", new() { HasTextString = "Done" }).WaitForAsync();
        await PlaygroundFixture.ScreenshotAsync(page, "generate-download");

        var schemas = await fixture.Api.Client.GetSchemasAsync(new GetSchemasRequest(), deadline: Deadlines.Call());
        // The schema's top-level fields, then the two columns every record carries (docs/generation.md).
        var expectedHeader = schemas.Schemas.Single(s => s.Name == "user").Fields.Select(f => f.Name).Concat(["_scenario", "_index"]).ToList();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        var rows = 0;
        while (await csv.ReadAsync())
        {
            rows++;
        }

        Assert.Equal("user.csv", download.SuggestedFilename);
        Assert.Equal(expectedHeader, csv.HeaderRecord);
        Assert.Equal(count, rows);
        Assert.Equal(count.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#download-progress", "value"));
    }

    [Fact]
    public async Task PastedRecordsWithAPlantedViolationAreNamedByRecordFieldAndRule()
    {
        var generated = await fixture.Api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "user", Count = 5, Seed = 11, OutputFormat = OutputFormat.Json }, deadline: Deadlines.Call());
        var schemas = await fixture.Api.Client.GetSchemasAsync(new GetSchemasRequest(), deadline: Deadlines.Call());
        var required = schemas.Schemas.Single(s => s.Name == "user").Fields.First(f => f.Required).Name;
        var records = JsonNode.Parse(generated.Data)!.AsArray();
        records[3]!.AsObject().Remove(required);

        var page = await fixture.OpenAsync("validate", "#validate");
        await page.SelectOptionAsync("#validate-entity", "user");
        await page.SelectOptionAsync("#records-format", "Json");
        await PlaygroundFixture.SetAsync(page, "#records", records.ToJsonString());
        await page.ClickAsync("#validate");
        var violation = page.Locator("#violations tbody tr");
        await violation.First.WaitForAsync();
        await PlaygroundFixture.ScreenshotAsync(page, "validate-planted-violation");

        Assert.Equal(1, await violation.CountAsync());
        var cells = await violation.First.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["3", required, "required"], cells.Take(3));
        Assert.Contains("Invalid: 5 records, 1 invalid", await page.InnerTextAsync("#validate-summary"), StringComparison.Ordinal);
    }
}
