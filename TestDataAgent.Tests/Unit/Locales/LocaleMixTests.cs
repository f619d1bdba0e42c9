using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit.Locales;

public sealed class LocaleMixTests
{
    [Fact]
    public void AWeightedMixGivesEachLocaleNearItsShareOfRecords()
    {
        var records = TestRequests.Generate(LocaleCoherenceTests.Request("user", "de_DE=60,fr_FR=40", count: 1000));

        var german = records.Count(r => ((string)r["phone"]!).StartsWith("+49", StringComparison.Ordinal));
        var french = records.Count(r => ((string)r["phone"]!).StartsWith("+33", StringComparison.Ordinal));

        Assert.Equal(1000, german + french);
        Assert.InRange(german, 580, 620);
    }

    [Fact]
    public void EveryFieldOfARecordInAMixComesFromTheRecordsOneLocale()
    {
        var records = TestRequests.Generate(LocaleCoherenceTests.Request("order", "en_GB=1,ja_JP=1,pt_BR=1", count: 60));

        foreach (var record in records)
        {
            var country = (string)((DataRecord)record["shipping_address"]!)["country"]!;
            var billing = record.GetValueOrDefault("billing_address") as DataRecord;
            Assert.Contains(country, new[] { "GB", "JP", "BR" });
            Assert.True(billing is null || (string)billing["country"]! == country, $"record {record[DataRecord.IndexField]} mixes {country} and {billing?["country"]}");
            // Yen have no minor unit; pounds and reais have two.
            Assert.Equal(country == "JP" ? 0 : 2, ((decimal)record["total"]!).Scale);
        }

        Assert.Equal(3, records.Select(r => ((DataRecord)r["shipping_address"]!)["country"]).Distinct().Count());
    }

    [Theory]
    [InlineData("de_DE")]
    [InlineData("de_DE=60,fr_FR=40")]
    [InlineData("ja_JP=1,zh_CN=2,en_IN=1")]
    public void TheSameSeedAndLocaleGiveTheSameBytes(string locale)
    {
        var first = Ndjson(TestRequests.Generate(LocaleCoherenceTests.Request("order", locale, count: 50)));
        var second = Ndjson(TestRequests.Generate(LocaleCoherenceTests.Request("order", locale, count: 50)));
        var otherSeed = Ndjson(TestRequests.Generate(LocaleCoherenceTests.Request("order", locale, count: 50, seed: 8)));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void APartitionOfAMixedRunHasTheWholeRunsRecords()
    {
        var whole = TestRequests.Generate(LocaleCoherenceTests.Request("customer", "sv_SE=1,pl_PL=1,es_MX=1", count: 80));
        var partition = TestRequests.Generate(TestRequests.Validator().Validate(new GenerationRequestInput
        {
            Entity = "customer",
            Count = 80,
            Seed = 7,
            ReferenceTime = "2026-06-01T12:00:00Z",
            Locale = "sv_SE=1,pl_PL=1,es_MX=1",
            Partition = (2, 4),
        }, RequestMode.Stream));

        Assert.Equal(Ndjson(whole.Skip(40).Take(20)), Ndjson(partition));
    }

    [Fact]
    public void NoLocaleGivesTheOriginalRecordsAndExplicitEnglishUsGivesCuratedAmericanOnes()
    {
        var none = TestRequests.Generate(LocaleCoherenceTests.Request("user", "", count: 20));
        var original = TestRequests.Generate("user", 20, seed: 7);
        var american = TestRequests.Generate(LocaleCoherenceTests.Request("user", "en_US", count: 20));

        Assert.Equal(Ndjson(original), Ndjson(none));
        Assert.All(american, r => Assert.StartsWith("+1", (string?)r.GetValueOrDefault("phone") ?? "+1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("xx_XX")]
    [InlineData("de_DE,klingon")]
    [InlineData("de")]
    public void AnUnknownLocaleIsRefusedNamingTheSupportedOnes(string locale)
    {
        var error = Assert.Throws<InvalidRequestException>(() => LocaleCoherenceTests.Request("user", locale));

        Assert.Equal("locale", error.Field);
        foreach (var supported in LocaleExpectations.ByLocale.Keys)
        {
            Assert.Contains(supported, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("de_DE=0,fr_FR=1")]
    [InlineData("de_DE=-5")]
    [InlineData("de_DE=lots")]
    [InlineData("de_DE=NaN")]
    [InlineData("de_DE=1,de-de=2")]
    public void ABadWeightOrARepeatedLocaleIsRefused(string locale)
    {
        var error = Assert.Throws<InvalidRequestException>(() => LocaleMix.Parse(locale));

        Assert.Equal("locale", error.Field);
    }

    [Theory]
    [InlineData("de-DE", "de_DE")]
    [InlineData(" DE_de ", "de_DE")]
    [InlineData("fr_FR=2.5, ja_JP=1", "fr_FR=2.5,ja_JP=1")]
    public void LocaleNamesAreReadAsPeopleWriteThem(string sent, string canonical) =>
        Assert.Equal(canonical, LocaleMix.Parse(sent).ToString());

    private static string Ndjson(IEnumerable<DataRecord> records) => string.Join('\n', records.Select(RecordJson.ToJson));
}
