using System.Collections.Concurrent;
using Bogus;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// First and last names per locale. Latin-script locales draw from Bogus's data set for the locale (<c>de</c>,
/// <c>en_IND</c> …), pooled once per process from a fixed seed (building a Bogus data set per request would cost more
/// than the records); Japanese and Chinese use the curated names of <c>locales.json</c>, which carry their romanisation.
/// </summary>
internal static class LocaleNames
{
    private const int PoolSize = 1024;
    private const int PoolSeed = 20260219;

    private static readonly ConcurrentDictionary<string, Lazy<(string[] First, string[] Last)>> s_pools = new(StringComparer.Ordinal);

    public static string First(Locale locale, RecordRandomizer random)
    {
        var pool = Pool(locale).First;
        return pool[random.Number(0, pool.Length - 1)];
    }

    public static string Last(Locale locale, RecordRandomizer random)
    {
        var pool = Pool(locale).Last;
        return pool[random.Number(0, pool.Length - 1)];
    }

    /// <summary>A full name in the country's order: family name first and no space in Japanese and Chinese.</summary>
    public static string Full(Locale locale, string first, string last) => locale.FamilyFirst ? last + first : $"{first} {last}";

    private static (string[] First, string[] Last) Pool(Locale locale) =>
        s_pools.GetOrAdd(locale.Name, _ => new Lazy<(string[], string[])>(() => Draw(locale))).Value;

    private static (string[] First, string[] Last) Draw(Locale locale)
    {
        if (locale.GivenNames.Count > 0)
        {
            return ([.. locale.GivenNames.Select(n => n.Name)], [.. locale.FamilyNames.Select(n => n.Name)]);
        }

        var faker = new Faker(locale.BogusCode) { Random = new Randomizer(PoolSeed) };
        var first = new string[PoolSize];
        var last = new string[PoolSize];
        for (var i = 0; i < PoolSize; i++)
        {
            first[i] = faker.Name.FirstName();
            last[i] = faker.Name.LastName();
        }

        return (first, last);
    }
}
