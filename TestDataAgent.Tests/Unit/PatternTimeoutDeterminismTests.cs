using System.Text.RegularExpressions;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// A pattern's match timeout never changes what a seed gives (issues #16 and #21): the patterns here make the .NET
/// backtracking engine explore about 2^60 paths on half of their own values ("a" × 60 then "c"), so every such match
/// runs past any timeout on any machine, and the values must come out exactly as if it had not. Each test uses a
/// pattern of its own, because the caches are shared by the process.
/// </summary>
public sealed class PatternTimeoutDeterminismTests
{
    // Independent oracle: the same language, on the non-backtracking engine.
    private static readonly Regex s_sameLanguage = new("^a{60}[bc]$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    [Fact]
    public void ValuesDrawnForASeedAreTheSameAfterTheirConfirmationTimedOut()
    {
        var source = RegexValueSource.Create("(a+)+b|a+c", 61, 61, new PatternOptions { MatchTimeoutMilliseconds = 1 });

        var first = Draw(source, seed: 11);
        var again = Draw(source, seed: 11);

        Assert.All(first, v => Assert.Matches(s_sameLanguage, v));
        Assert.Contains(first, v => v.EndsWith('c'));
        Assert.Equal(first, again);
    }

    [Fact]
    public void AConstrainedRequestGivesTheSameRecordsWhenValidationOfAPatternTimesOut()
    {
        // Longer than NonBacktrackingMaxLength, so validation backtracks (and times out on the values ending in "c");
        // the long alternative is too long for the length bounds, so it never generates.
        var pattern = "(a+)+b|a+c|(?:" + new string('z', 260) + ")";
        var field = new FieldDefinition { Name = "code", Path = "code", Kind = FieldKind.String, Pattern = pattern, MinLength = 61, MaxLength = 61 };
        var generator = new TraditionalGenerator(Generators.Catalog.ThemeCatalog.Default, new RecordValidator());

        var plain = Make(generator, Request(field, constrained: false));
        var validated = Make(generator, Request(field, constrained: true));

        Assert.Contains(plain, r => ((string)r["code"]!).EndsWith('c'));
        Assert.Equal(plain.Select(r => r["code"]), validated.Select(r => r["code"]));
        var timedOut = new RecordValidator().Validate(validated.First(r => ((string)r["code"]!).EndsWith('c')), Request(field, true).Schema, 0);
        Assert.True(Assert.Single(timedOut).NotChecked);
    }

    private static List<string> Draw(RegexValueSource source, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 12).Select(_ => source.Next(random) ?? "(null)")];
    }

    private static List<DataRecord> Make(TraditionalGenerator generator, GenerationRequest request)
    {
        var session = generator.Begin(request);
        return [.. Enumerable.Range(0, request.Count).Select(i => session.Make(i, request.Scenarios[0]))];
    }

    private static GenerationRequest Request(FieldDefinition field, bool constrained) => new()
    {
        Schema = new EntitySchema { Name = "codes", Fields = [field] },
        Count = 8,
        Seed = 5,
        Constrained = constrained,
        Scenarios = [new ScenarioPlan("default", 8, "", new Dictionary<string, object?>())],
    };
}
