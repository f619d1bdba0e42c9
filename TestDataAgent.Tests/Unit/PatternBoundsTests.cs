using TestDataAgent.Generators;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The bounds on callers' regular expressions: the work and memory budget of a value generator, cancellation while it is
/// built, the byte-bounded caches, and validation's match timeout. Each test uses patterns of its own, because the
/// caches are shared by the process.
/// </summary>
public sealed class PatternBoundsTests
{
    private static readonly TimeSpan s_hang = TimeSpan.FromMinutes(2);

    [Fact]
    public void TheProbePatternIsRefusedByItsBudgetNamingTheSetting()
    {
        // Memory or work, whichever runs out first: both are measured as the automaton is built.
        var error = Assert.Throws<PatternLimitExceededException>(() => RegexValueSource.Create("(?:a?){3100}b", 2000, 2000, new PatternOptions()));

        Assert.Contains(error.Setting, new[] { "Generation:Patterns:MaxBuildWork", "Generation:Patterns:MaxGeneratorBytes" });
        Assert.Contains(error.Setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorkBudgetIsEnforcedAtTheUnitsMeasured()
    {
        // Patterns that differ only in their last literal take the same work (and are different cache entries).
        var measured = RegexValueSource.Create("(?:q?){120}r", 60, 90, new PatternOptions());
        var exact = new PatternOptions { MaxBuildWork = measured.BuildWork };
        var oneShort = new PatternOptions { MaxBuildWork = measured.BuildWork - 1 };

        Assert.True(measured.BuildWork > 10_000);
        Assert.Equal(measured.BuildWork, RegexValueSource.Create("(?:q?){120}s", 60, 90, exact).BuildWork);
        var error = Assert.Throws<PatternLimitExceededException>(() => RegexValueSource.Create("(?:q?){120}t", 60, 90, oneShort));
        Assert.Equal("Generation:Patterns:MaxBuildWork", error.Setting);
    }

    [Fact]
    public void AGeneratorThatWouldHoldTooManyBytesIsRefusedNamingTheSetting()
    {
        var options = new PatternOptions { MaxGeneratorBytes = 65_536 };

        var error = Assert.Throws<PatternLimitExceededException>(() => RegexValueSource.Create("[a-z]{0,300}", 0, 300, options));

        Assert.Equal("Generation:Patterns:MaxGeneratorBytes", error.Setting);
    }

    [Fact]
    public void APatternLongerThanTheMaximumIsRefusedNamingTheSetting()
    {
        var options = new PatternOptions { MaxLength = 16 };

        var error = Assert.Throws<PatternLimitExceededException>(() => RegexValueSource.Create("[a-z]{3}-[0-9]{4}-[A-Z]{2}", 0, 64, options));

        Assert.Equal("Generation:Patterns:MaxLength", error.Setting);
    }

    [Fact]
    public void APatternNestedDeeperThanTheStackCanHoldIsRefusedNotAStackOverflow()
    {
        var options = new PatternOptions { MaxLength = 20_000 };
        var pattern = new string('(', 9_000) + "n" + new string(')', 9_000);

        var error = Assert.ThrowsAny<ArgumentException>(() => RegexValueSource.Create(pattern, 0, 64, options));

        Assert.Contains("nest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancelledBuildStopsPartWay()
    {
        // Unbounded, this build takes many seconds of CPU; cancelled after 50 ms it must stop.
        var unbounded = new PatternOptions { MaxBuildWork = 10_000_000_000, MaxGeneratorBytes = 134_217_728 };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var build = Task.Run(() => RegexValueSource.Create("(?:s?){2600}t", 2000, 2000, unbounded, cancellation.Token));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build.WaitAsync(s_hang));
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public void TheGeneratorCacheStaysWithinItsBytes()
    {
        // Each of these generators holds several megabytes; together far more than the cache's capacity.
        var options = PatternLimits.Current;
        for (var i = 0; i < 12; i++)
        {
            var source = RegexValueSource.Create($"u{i}.{{0,900}}", 0, 901, options);
            Assert.True(source.ApproximateBytes > options.GeneratorCacheBytes / 12);
            Assert.InRange(RegexValueSource.CacheUsage.Bytes, 0, options.GeneratorCacheBytes);
        }
    }

    [Fact]
    public void ASizeBoundedCacheEvictsTheLeastRecentlyUsedAndNeverExceedsItsCapacity()
    {
        var cache = new SizeBoundedCache<string, int>(() => 100);
        cache.Add("a", 1, 40);
        cache.Add("b", 2, 40);
        Assert.True(cache.TryGet("a", out _));

        cache.Add("c", 3, 40);

        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(80, cache.Bytes);
    }

    [Fact]
    public void AnEntryLargerThanTheCacheIsNotKeptAndEvictsNothing()
    {
        var cache = new SizeBoundedCache<string, int>(() => 100);
        cache.Add("a", 1, 60);

        Assert.False(cache.Add("huge", 2, 101));

        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("huge", out _));
        Assert.Equal(60, cache.Bytes);
    }

    [Fact]
    public void ASchemaPatternBeyondTheBudgetIsRefusedBeforeAnyRecordNamingTheFieldAndTheSetting()
    {
        var field = new FieldDefinition { Name = "code", Path = "code", Kind = FieldKind.String, Pattern = "(?:c?){3100}d", MinLength = 2000, MaxLength = 2000 };

        var error = Assert.Throws<InvalidRequestException>(() =>
            new TraditionalGenerator(Generators.Catalog.ThemeCatalog.Default, new RecordValidator()).Begin(Request(field)));

        Assert.Equal("code.pattern", error.Field);
        Assert.Contains("Generation:Patterns:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildingASchemasPatternsHonoursTheRequestsCancellation()
    {
        var field = new FieldDefinition { Name = "code", Path = "code", Kind = FieldKind.String, Pattern = "(?:g?){400}h", MinLength = 100, MaxLength = 300 };
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new TraditionalGenerator(Generators.Catalog.ThemeCatalog.Default, new RecordValidator()).Begin(Request(field), cancellation.Token));
    }

    [Fact]
    public void AValidationPatternThatTimesOutIsReportedAndNotRunAgain()
    {
        var options = new PatternOptions { MatchTimeoutMilliseconds = 20 };
        var pattern = ValidationPatterns.Get(@"(b+)+\1y", options);

        Assert.False(pattern.IsNonBacktracking);
        Assert.Null(pattern.Matches(new string('b', 40)));
        // It matches, but after a timeout the pattern is not run again: the answer is "not checked" at once.
        Assert.Null(pattern.Matches("bby"));
    }

    [Fact]
    public void ATimedOutPatternBecomesAViolationNamingTheSetting()
    {
        var field = new FieldDefinition { Name = "word", Path = "word", Kind = FieldKind.String, Pattern = @"(e+)+\1z" };
        var schema = new EntitySchema { Name = "words", Fields = [field] };

        var violations = new RecordValidator().Validate(new DataRecord { ["word"] = new string('e', 40) }, schema, 0);

        var violation = Assert.Single(violations);
        Assert.Equal(("word", "regex"), (violation.Field, violation.Rule));
        Assert.Contains("Generation:Patterns:MatchTimeoutMilliseconds", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortPatternsValidateWithoutBacktrackingAndLongOnesBacktrack()
    {
        var options = new PatternOptions { NonBacktrackingMaxLength = 20 };

        Assert.True(ValidationPatterns.Get("(f|ff)+g", options).IsNonBacktracking);
        Assert.False(ValidationPatterns.Get("(h|hh)+i[a-z]{1,5}[0-9]{1,5}jjjj", options).IsNonBacktracking);
    }

    [Fact]
    public void TheValidationPatternCacheStaysWithinItsBytes()
    {
        // Non-backtracking construction of many distinct character ranges allocates megabytes per pattern.
        var limit = PatternLimits.Current.ValidationCacheBytes;
        for (var i = 0; i < 12; i++)
        {
            var pattern = string.Concat(Enumerable.Range(0, 40).Select(k => $"[{(char)(0x100 + (k * 3) + i)}-{(char)(0x101 + (k * 3) + i)}]"));
            _ = ValidationPatterns.Get(pattern);
            Assert.InRange(ValidationPatterns.CacheUsage.Bytes, 0, limit);
        }
    }

    [Fact]
    public void ASchemaPatternLongerThanTheMaximumIsRefusedWhereItIsWritten()
    {
        var pattern = new string('k', PatternLimits.Current.MaxLength + 1);

        var error = Assert.Throws<SchemaFormatException>(() => JsonSchemaConverter.Convert("""{"type":"object","properties":{"k":{"type":"string","pattern":"PATTERN"}}}""".Replace("PATTERN", pattern, StringComparison.Ordinal), "k"));

        Assert.Equal("properties.k.pattern", error.Path);
        Assert.Contains("Generation:Patterns:MaxLength", error.Message, StringComparison.Ordinal);
    }

    private static GenerationRequest Request(FieldDefinition field) => new()
    {
        Schema = new EntitySchema { Name = "codes", Fields = [field] },
        Count = 1,
        Seed = 1,
        Scenarios = [new ScenarioPlan("default", 1, "", new Dictionary<string, object?>())],
    };
}
