using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>The fingerprints' parts that the response cache tests do not reach through a request as sent: partitions, the pool key's locale and context.</summary>
public sealed class RequestFingerprintTests
{
    private static GenerationRequest Request(string context = "holiday shoppers", string locale = "") =>
        TestRequests.Validator().Validate(new GenerationRequestInput
        {
            Entity = "order",
            Count = 8,
            Seed = 3,
            ReferenceTime = "2026-06-01T12:00:00Z",
            Context = context,
            Locale = locale,
        }, RequestMode.Stream);

    [Fact]
    public void EachPartitionOfARunHasItsOwnResponseKey()
    {
        var whole = Request();
        var first = whole with { PartitionIndex = 0, PartitionCount = 2, First = 0, End = 4 };
        var second = whole with { PartitionIndex = 1, PartitionCount = 2, First = 4, End = 8 };
        var ofThree = whole with { PartitionIndex = 1, PartitionCount = 3, First = 4, End = 8 };

        string[] keys = [RequestFingerprint.OfResponse(whole), RequestFingerprint.OfResponse(first), RequestFingerprint.OfResponse(second), RequestFingerprint.OfResponse(ofThree)];

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void APoolKeyTrimsTheContextAndFollowsTheLocale()
    {
        var key = RequestFingerprint.OfPool(Request());

        Assert.Equal(key, RequestFingerprint.OfPool(Request(context: "  holiday shoppers\n")));
        Assert.NotEqual(key, RequestFingerprint.OfPool(Request(locale: "de_DE")));
        Assert.NotEqual(RequestFingerprint.OfPool(Request(locale: "de_DE")), RequestFingerprint.OfPool(Request(locale: "fr_FR")));
        Assert.Equal(RequestFingerprint.OfPool(Request(locale: "de_DE")), RequestFingerprint.OfPool(Request(locale: "de_DE")));
    }

    [Fact]
    public void TheDialectCountsOnlyForSqlAndOnlyWhenNotAnsi()
    {
        var sql = Request() with { Format = DataFormat.Sql };

        var ansi = RequestFingerprint.OfResponse(sql with { SqlDialect = SqlDialect.Ansi });
        var mysql = RequestFingerprint.OfResponse(sql with { SqlDialect = SqlDialect.Mysql });
        var postgres = RequestFingerprint.OfResponse(sql with { SqlDialect = SqlDialect.Postgres });

        Assert.Equal(3, new[] { ansi, mysql, postgres }.Distinct().Count());
        Assert.Equal(RequestFingerprint.OfResponse(Request()), RequestFingerprint.OfResponse(Request() with { SqlDialect = SqlDialect.Mysql }));
    }

    [Fact]
    public void ASchemasFingerprintIsItsContent()
    {
        var order = TestRequests.Schema("order");

        Assert.Equal(RequestFingerprint.OfSchema(order), RequestFingerprint.OfSchema(order with { }));
        Assert.NotEqual(RequestFingerprint.OfSchema(order), RequestFingerprint.OfSchema(TestRequests.Schema("cart")));
        Assert.NotEqual(RequestFingerprint.OfSchema(order), RequestFingerprint.OfSchema(order with { Derivations = [.. order.Derivations.Skip(1)] }));
        Assert.Matches("^[0-9A-F]{64}$", RequestFingerprint.OfSchema(order));
    }
}
