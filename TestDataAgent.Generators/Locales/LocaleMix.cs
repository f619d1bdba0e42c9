using System.Globalization;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// The request's <c>locale</c>: one locale (<c>de_DE</c>) or a weighted mix (<c>de_DE=60,fr_FR=40</c>). Record
/// <c>i</c>'s locale depends only on (seed, <c>i</c>): a golden-ratio sequence over the cumulative weights, so a run's
/// shares sit within a record or two of the weights and a partition gives the same locales as the whole run.
/// <see cref="Default"/> (no locale sent) keeps the original American generator, byte for byte.
/// </summary>
public sealed class LocaleMix
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private readonly Locale[] _locales;
    private readonly double[] _cumulative;

    private LocaleMix(Locale[] locales, double[] weights)
    {
        _locales = locales;
        Weights = weights;
        _cumulative = new double[weights.Length];
        var total = weights.Sum();
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] / total;
            _cumulative[i] = sum;
        }

        if (_cumulative.Length > 0)
        {
            _cumulative[^1] = 1.0;
        }
    }

    /// <summary>No locale sent: the original generator (American data, USD), unchanged.</summary>
    public static LocaleMix Default { get; } = new([], []);

    public bool IsDefault => _locales.Length == 0;

    public IReadOnlyList<Locale> Locales => _locales;

    /// <summary>Relative weights, one per locale.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The currencies of the mix, each once, in order.</summary>
    public IReadOnlyList<string> Currencies => _locales.Select(l => l.Currency).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Parses the wire value. Empty is <see cref="Default"/>. <c>de_DE</c>, <c>de-DE</c> and any case name a locale;
    /// weights are positive numbers.
    /// </summary>
    /// <exception cref="InvalidRequestException">An unknown locale (the message lists the supported ones), a bad weight, or a repeat.</exception>
    public static LocaleMix Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        // No separate bound on the parts: each must be a supported locale named once, so parsing stops at the first that is not.
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var locales = new List<Locale>(parts.Length);
        var weights = new List<double>(parts.Length);
        foreach (var part in parts)
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals].Trim();
            var locale = LocaleCatalog.Find(name) ?? throw new InvalidRequestException("locale",
                $"locale '{Cut(name)}' is not supported; supported locales: {LocaleCatalog.SupportedNames} (one, or a weighted mix such as de_DE=60,fr_FR=40)");
            var weight = 1.0;
            if (equals >= 0 && (!double.TryParse(part[(equals + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight <= 0))
            {
                throw new InvalidRequestException("locale", $"locale weight '{Cut(part[(equals + 1)..].Trim())}' for {locale.Name} is not a positive number");
            }

            if (locales.Contains(locale))
            {
                throw new InvalidRequestException("locale", $"locale {locale.Name} is named twice; name each locale once");
            }

            locales.Add(locale);
            weights.Add(weight);
        }

        return new LocaleMix([.. locales], [.. weights]);
    }

    /// <summary>The locale of the record at global <paramref name="index"/>; <see langword="null"/> for <see cref="Default"/>.</summary>
    public Locale? For(long seed, long index)
    {
        if (_locales.Length <= 1)
        {
            return _locales.Length == 0 ? null : _locales[0];
        }

        // Weyl sequence from a seed-keyed start: evenly spread points, so every prefix of the run matches the weights closely.
        var point = unchecked(((ulong)seed * 0xD1B54A32D192ED03UL) + ((ulong)index * Golden));
        var u = (point >> 11) * (1.0 / (1UL << 53));
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (u < _cumulative[i])
            {
                return _locales[i];
            }
        }

        return _locales[^1];
    }

    /// <summary>The canonical form (<c>de_DE=60,fr_FR=40</c>; a single locale is its name), for cache keys and metadata.</summary>
    public override string ToString() => _locales.Length switch
    {
        0 => "",
        1 => _locales[0].Name,
        _ => string.Join(',', _locales.Select((l, i) => string.Create(CultureInfo.InvariantCulture, $"{l.Name}={Weights[i]}"))),
    };

    private static string Cut(string text) => text.Length > 32 ? text[..32] + "…" : text;
}
