using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class TraditionalGeneratorTests
{
    public static TheoryData<string> Entities => new(TestRequests.AllEntities);

    [Theory]
    [MemberData(nameof(Entities))]
    public void EveryRecordIsValidForItsSchema(string entity)
    {
        var request = TestRequests.Request(entity, 2000, seed: 7);
        var validator = new RecordValidator();
        var records = TestRequests.Generate(request);

        Assert.Equal(2000, records.Count);
        var violations = records.SelectMany((r, i) => validator.Validate(r, request.Schema, i)).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void EveryRecordSatisfiesItsCoherenceRules(string entity)
    {
        var request = TestRequests.Request(entity, 1000, seed: 11);
        var scorer = new CoherenceScorer();

        var scores = TestRequests.Generate(request).Select(r => scorer.Score(r, request.Schema)).ToList();

        Assert.All(scores, score => Assert.Equal(1.0, score));
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void PrimaryKeysNeverRepeat(string entity)
    {
        var request = TestRequests.Request(entity, 10_000, seed: 3);
        var key = request.Schema.PrimaryKey!;

        var ids = TestRequests.Generate(request).Select(r => (string)r[key]!).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void TheSameSeedGivesByteIdenticalOutput(string entity)
    {
        Assert.Equal(Serialize(TestRequests.Generate(entity, 200, seed: 99)), Serialize(TestRequests.Generate(entity, 200, seed: 99)));
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void EmailsAndTopLevelIdsNeverRepeat(string entity)
    {
        var request = TestRequests.Request(entity, 20_000, seed: 8);
        // A template with N random digits has 10^N values: unique for up to that many records (WH-{random:3} names one of 1,000 warehouses).
        var idFields = request.Schema.Fields
            .Where(f => f.Format?.Contains("{random", StringComparison.Ordinal) == true && Generators.Traditional.IdTemplate.Parse(f.Format).RandomDigits >= 5)
            .Select(f => f.Name).ToList();
        var emailFields = request.Schema.Fields.Where(f => f.Kind == Generators.Schemas.FieldKind.Email).Select(f => f.Name).ToList();
        var records = TestRequests.Generate(request);

        foreach (var field in idFields.Concat(emailFields))
        {
            var values = records.Where(r => r.ContainsKey(field)).Select(r => (string)r[field]!).ToList();
            Assert.True(values.Count == values.Distinct(StringComparer.Ordinal).Count(), $"{entity}.{field} repeats");
        }
    }

    [Fact]
    public void AUsersEmailComesFromTheirNameAndKeepsItsSchemaPosition()
    {
        foreach (var user in TestRequests.Generate("user", 200))
        {
            var email = ((string)user["email"]!).ToLowerInvariant();
            var last = new string(((string)user["last_name"]!).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
            Assert.Contains(last, email, StringComparison.Ordinal);
            Assert.Equal(["user_id", "email", "first_name", "last_name"], user.Keys.Take(4));
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentOutput()
    {
        Assert.NotEqual(Serialize(TestRequests.Generate("user", 20, seed: 1)), Serialize(TestRequests.Generate("user", 20, seed: 2)));
    }

    [Fact]
    public void RecordsCarryTheirIndexAndScenario()
    {
        var records = TestRequests.Generate("payment", 25);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), records.Select(r => (long)r[DataRecord.IndexField]!));
        Assert.All(records, r => Assert.Equal("default", r[DataRecord.ScenarioField]));
        Assert.All(records, r => Assert.Equal(DataRecord.IndexField, r.Keys.Last()));
    }

    [Fact]
    public void CartTotalsAddUp()
    {
        foreach (var cart in TestRequests.Generate("cart", 500))
        {
            var items = (List<object?>)cart["items"]!;
            var subtotal = items.Cast<DataRecord>().Sum(i => (long)i["quantity"]! * (decimal)i["price"]!);
            Assert.Equal(Math.Round(subtotal, 2), (decimal)cart["subtotal"]!);
            Assert.Equal((decimal)cart["subtotal"]! + (decimal)cart["tax"]!, (decimal)cart["total"]!);
        }
    }

    [Fact]
    public void OrderTotalsIncludeTaxShippingAndDiscount()
    {
        var orders = TestRequests.Generate("order", 500);
        Assert.Contains(orders, o => (decimal)o["discount"]! > 0);
        Assert.Contains(orders, o => (decimal)o["discount"]! == 0);
        foreach (var order in orders)
        {
            Assert.Equal((decimal)order["subtotal"]! + (decimal)order["tax"]! + (decimal)order["shipping"]! - (decimal)order["discount"]!, (decimal)order["total"]!);
            if (order.TryGetValue("updated_at", out var updated))
            {
                Assert.True(DateTimeOffset.Parse((string)updated!, System.Globalization.CultureInfo.InvariantCulture) >=
                            DateTimeOffset.Parse((string)order["created_at"]!, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void ProductNamesComeFromTheCatalogNotFromPeople()
    {
        var catalog = Generators.Catalog.ThemeCatalog.Default;
        var productNames = catalog.Themes.SelectMany(t => t.Products).Select(p => p.Name).ToHashSet();

        foreach (var product in TestRequests.Generate("product", 300))
        {
            Assert.Contains((string)product["name"]!, productNames);
            var theme = catalog.Themes.Single(t => t.Products.Any(p => p.Name == (string)product["name"]!));
            Assert.Equal(theme.Category, product["category"]);
            Assert.Contains((string)product["brand"]!, theme.Brands);
            Assert.Equal((long)product["stock_quantity"]! > 0, (bool)product["in_stock"]!);
            Assert.StartsWith(((string)product["category"]!)[..3].ToUpperInvariant() + "-", (string)product["sku"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReviewTextFollowsTheRating()
    {
        var titles = Generators.Catalog.ThemeCatalog.Default.Reviews.Titles;
        foreach (var review in TestRequests.Generate("review", 300))
        {
            var sentiment = (long)review["rating"]! switch { >= 4 => "positive", 3 => "neutral", _ => "negative" };
            Assert.Contains((string)review["title"]!, titles[sentiment]);
        }
    }

    public static TheoryData<string> EntitiesWithDates => new(TestRequests.AllEntities.Where(e => DateFields(TestRequests.Schema(e).Fields, "").Any()));

    [Theory]
    [MemberData(nameof(EntitiesWithDates))]
    public void DatesNeverPassTheReferenceTime(string entity)
    {
        var schema = TestRequests.Schema(entity);
        // Only a not_before rule that says so may look ahead (an expiry, a delivery estimate); nothing derived from it may.
        var ahead = schema.Derivations.OfType<NotBeforeRule>().Where(r => r.AllowFuture).Select(r => r.Target).ToHashSet(StringComparer.Ordinal);
        var fields = DateFields(schema.Fields, "").Where(f => !ahead.Contains(f.Path)).ToList();
        var checkedValues = 0;

        foreach (var hints in new[] { Array.Empty<string>(), ["edge_case"] })
        {
            var request = TestRequests.Validator().Validate(
                new GenerationRequestInput { Entity = entity, Count = 300, Seed = 21, Hints = hints, ReferenceTime = "2026-06-01T12:00:00Z" }, RequestMode.Unary);
            foreach (var record in TestRequests.Generate(request))
            {
                foreach (var (path, isDate) in fields)
                {
                    foreach (var value in ValuesAt(record, path.Split('.')).OfType<string>())
                    {
                        checkedValues++;
                        var instant = DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
                        // A date has no time of day: it may be the reference time's own day.
                        var latest = isDate ? new DateTimeOffset(TestRequests.ReferenceTime.UtcDateTime.Date, TimeSpan.Zero) : TestRequests.ReferenceTime;
                        Assert.True(instant <= latest, $"{entity}.{path} = {value} is after the reference time {TestRequests.ReferenceTime:O}");
                    }
                }
            }
        }

        Assert.True(checkedValues > 0, $"{entity}: no date value was generated to check");
    }

    // Date and date-time fields at any depth: "created_at", "shipping.shipped_at", "events.at" (arrays of objects).
    private static IEnumerable<(string Path, bool IsDate)> DateFields(IReadOnlyList<FieldDefinition> fields, string prefix)
    {
        foreach (var field in fields)
        {
            var path = prefix + field.Name;
            var kind = field.Kind == FieldKind.Array && field.Items is { } items ? items : field;
            if (kind.Kind is FieldKind.Date or FieldKind.DateTime || (kind.Kind == FieldKind.String && kind.Format is "date" or "date-time" or "iso8601"))
            {
                yield return (path, kind.Kind == FieldKind.Date || kind.Format == "date");
            }

            foreach (var nested in DateFields(kind.Fields, path + "."))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<object?> ValuesAt(object? value, string[] path)
    {
        if (path.Length == 0)
        {
            return value is List<object?> list ? list : [value];
        }

        var rest = path[1..];
        return value switch
        {
            DataRecord record => ValuesAt(record.GetValueOrDefault(path[0]), rest),
            List<object?> list => list.SelectMany(item => ValuesAt(item, path)),
            _ => [],
        };
    }

    private static string Serialize(List<DataRecord> records)
    {
        using var formatter = ChunkFormatter.Create(DataFormat.Json, TestRequests.Registry.List()[0]);
        records.ForEach(formatter.Add);
        return formatter.Complete();
    }
}
