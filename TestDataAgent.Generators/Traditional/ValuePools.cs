using Bogus;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Precomputed value sources for the Bogus data that Bogus builds slowly from templates on every call (a street
/// address costs ~16 µs, a city ~3 µs): each pool is drawn once per process from a fixed seed, so requests only pick
/// from arrays with their own seeded random, and the same seed still gives the same records.
/// </summary>
internal static class ValuePools
{
    private const int PoolSize = 4096;
    private const int PoolSeed = 20260101;

    private static readonly Lazy<string[]> s_streetNames = new(() => Draw(f => f.Address.StreetName()));
    private static readonly Lazy<string[]> s_cities = new(() => Draw(f => f.Address.City()));
    private static readonly Lazy<string[]> s_companies = new(() => Draw(f => f.Company.CompanyName()));
    private static readonly Lazy<string[]> s_sentences = new(() => Draw(f => f.Lorem.Sentence(4, 4).TrimEnd('.')));
    private static readonly Lazy<string[]> s_paragraphs = new(() => Draw(f => f.Lorem.Paragraph(2), 512));

    /// <summary>Free-mail domains in rough proportion to their use, plus the reserved example domains.</summary>
    public static readonly string[] EmailDomains = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com", "example.com", "example.org"];

    public static string[] StreetNames => s_streetNames.Value;

    public static string[] Cities => s_cities.Value;

    public static string[] Companies => s_companies.Value;

    public static string[] Sentences => s_sentences.Value;

    public static string[] Paragraphs => s_paragraphs.Value;

    public static string Pick(string[] pool, RecordRandomizer random) => pool[random.Number(0, pool.Length - 1)];

    private static string[] Draw(Func<Faker, string> make, int size = PoolSize)
    {
        var faker = new Faker("en") { Random = new Randomizer(PoolSeed) };
        var values = new string[size];
        for (var i = 0; i < size; i++)
        {
            values[i] = make(faker);
        }

        return values;
    }
}
