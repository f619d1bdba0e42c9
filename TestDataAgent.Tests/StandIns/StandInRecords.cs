using System.Text.Json.Nodes;

namespace TestDataAgent.Tests.StandIns;

/// <summary>Records as a model writes them: plausible, varied by call and position, with the usual slips where asked.</summary>
public static class StandInRecords
{
    private static readonly string[] s_products = ["trail running shoes", "espresso grinder", "noise-cancelling headphones", "linen duvet cover", "cast iron skillet", "yoga mat", "mechanical keyboard"];
    private static readonly string[] s_good = ["exceeded my expectations", "works exactly as described", "great value for the price", "sturdy and well made"];
    private static readonly string[] s_bad = ["stopped working after a week", "arrived scratched and late", "feels cheap and flimsy", "nothing like the photos"];

    /// <summary>Review records (without the IDs and timestamps the service sets); the texts name the call and position so they never repeat.</summary>
    public static JsonArray Reviews(int count, int call)
    {
        var records = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var rating = 1 + ((call * 7 + i) % 5);
            var product = s_products[(call + i) % s_products.Length];
            var verdict = rating >= 4 ? s_good[i % s_good.Length] : s_bad[i % s_bad.Length];
            records.Add(new JsonObject
            {
                ["rating"] = rating,
                ["title"] = $"The {product} {verdict}",
                ["body"] = $"Stand-in review {call}.{i}: I bought the {product} last month and it {verdict}. {(rating >= 4 ? "Would buy again." : "I asked for a refund.")}",
                ["verified_purchase"] = i % 3 != 0,
                ["helpful_votes"] = (call + i) % 40,
            });
        }

        return records;
    }
}
