using System.Text;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Traditional;

/// <summary>Review titles and bodies whose sentiment follows the record's <c>rating</c>.</summary>
internal static class ReviewText
{
    public static string Title(GenerationContext context, DataRecord scope) =>
        Pick(context, context.Catalog.Reviews.Titles, Sentiment(scope));

    public static string Body(GenerationContext context, DataRecord scope)
    {
        var sentiment = Sentiment(scope);
        var phrases = context.Catalog.Reviews;
        var body = new StringBuilder();
        body.Append(Pick(context, phrases.Openers, sentiment));
        var details = context.Random.Number(1, 2);
        for (var i = 0; i < details; i++)
        {
            body.Append(' ').Append(Pick(context, phrases.Details, sentiment));
        }

        body.Append(' ').Append(Pick(context, phrases.Closers, sentiment));
        return body.Replace("{product}", context.Product.Name.ToLowerInvariant()).ToString();
    }

    private static string Sentiment(DataRecord scope)
    {
        var rating = scope.TryGetValue("rating", out var value) && value is long stars ? stars : 4;
        return rating switch
        {
            >= 4 => "positive",
            3 => "neutral",
            _ => "negative",
        };
    }

    private static string Pick(GenerationContext context, IReadOnlyDictionary<string, IReadOnlyList<string>> phrases, string sentiment)
    {
        var options = phrases[sentiment];
        return options[context.Random.Number(0, options.Count - 1)];
    }
}
