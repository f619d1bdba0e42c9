using System.Text.Json;
using PhoneNumbers;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Unit.Locales;
using static TestDataAgent.Tests.Datasets.EcommerceInvariants;

namespace TestDataAgent.Tests.Datasets;

/// <summary>A dataset's <c>locale</c>: every table's rows follow it, and the keys and cross-table rules still hold.</summary>
public sealed class DatasetLocaleTests
{
    private static readonly DateTimeOffset ReferenceTime = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PhoneNumberUtil s_phones = PhoneNumberUtil.GetInstance();

    [Fact]
    public async Task AGermanEcommerceDatasetHasNoOrphansKeepsEveryRuleAndIsGermanThroughout()
    {
        var expected = LocaleExpectations.ByLocale["de_DE"];
        var run = await DatasetRun.PresetAsync(40, 15, 20260101, locale: "de_DE");
        var tables = run.Tables();

        Assert.Equal(0, run.Summary.OrphanCount);
        Assert.Equal(1f, run.Summary.CoherenceScore);
        Hold(tables, ReferenceTime);

        var phones = tables["customers"].Where(c => c.TryGetProperty("phone", out var p) && p.ValueKind == JsonValueKind.String).Select(c => Text(c, "phone")).ToList();
        Assert.NotEmpty(phones);
        Assert.All(phones, phone => Assert.True(phone.StartsWith('+') && s_phones.IsValidNumberForRegion(s_phones.Parse(phone, null), expected.Country), $"'{phone}' is not a German phone number"));
        Assert.NotEmpty(tables["orders"]);
        Assert.All(tables["orders"], order => Assert.Equal(expected.Country, order.GetProperty("shipping_address").GetProperty("country").GetString()));
        Assert.All(tables["orders"], order => Assert.Matches(expected.Postcode, order.GetProperty("shipping_address").GetProperty("zip").GetString()));
        Assert.NotEmpty(tables["payments"]);
        Assert.All(tables["payments"].Concat(tables.GetValueOrDefault("refunds") ?? []), row => Assert.Equal(expected.Currency, Text(row, "currency")));
    }

    [Fact]
    public async Task AnUnknownDatasetLocaleIsRefusedNamingTheSupportedOnes()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => DatasetRun.PresetAsync(3, 3, 1, locale: "xx_XX"));

        Assert.Equal("locale", error.Field);
        Assert.Contains("xx_XX", error.Message, StringComparison.Ordinal);
        Assert.Contains("de_DE", error.Message, StringComparison.Ordinal);
        Assert.Contains("fr_FR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALocaleWhoseCurrencyIsNotInCentsIsRefusedSayingWhy()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => DatasetRun.PresetAsync(3, 3, 1, locale: "de_DE=50,ja_JP=50"));

        Assert.Equal("locale", error.Field);
        Assert.Contains("ja_JP", error.Message, StringComparison.Ordinal);
        Assert.Contains("minor units", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameSeedAndLocaleGiveTheSameBytesAndAnotherLocaleOthers()
    {
        var first = await DatasetRun.PresetAsync(12, 8, 5, DataFormat.Sql, "de_DE=60,fr_FR=40");
        var again = await DatasetRun.PresetAsync(12, 8, 5, DataFormat.Sql, "de_DE=60,fr_FR=40");
        var plain = await DatasetRun.PresetAsync(12, 8, 5, DataFormat.Sql);

        Assert.Equal(first.Text, again.Text);
        Assert.NotEqual(first.Text, plain.Text);
    }
}
