using Bogus;
using Bogus.Bson;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// The draws the generator makes, over a record's <see cref="RecordRandom"/>, with Bogus's <see cref="Randomizer"/>
/// arithmetic member for member (so a seed gives the bytes it gave when Bogus drew them) but without its lock: every
/// Bogus <c>Randomizer</c> in a process takes one static lock for each number it draws, which made the cores of a
/// parallel stream, and concurrent requests, queue behind each other. Bogus's own data sets still get a
/// <see cref="Randomizer"/> over the same source (<see cref="Bogus"/>), for the few draws made through them.
/// </summary>
public sealed class RecordRandomizer
{
    private readonly RecordRandom _source;

    public RecordRandomizer(RecordRandom source)
    {
        _source = source;
        Bogus = new BogusRandomizer(source);
    }

    /// <summary>Bogus's randomizer over the same sequence, for Bogus data sets (it locks; keep it off hot paths).</summary>
    public Randomizer Bogus { get; }

    /// <summary>A whole number in [0, <paramref name="max"/>], as Bogus's <c>Number(max)</c>.</summary>
    public int Number(int max) => Number(0, max);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], both inclusive, as Bogus's <c>Number</c>.</summary>
    public int Number(int min = 0, int max = 1)
    {
        if (max < int.MaxValue)
        {
            return _source.Next(min, max + 1);
        }

        if (min > int.MinValue)
        {
            return 1 + _source.Next(min - 1, max);
        }

        var top = (_source.Next() >> 8) & 0xFFFF;
        var bottom = (_source.Next() >> 8) & 0xFFFF;
        return unchecked((top << 16) | bottom);
    }

    public double Double(double min = 0.0d, double max = 1.0d) =>
        min == 0.0d && max == 1.0d ? _source.NextDouble() : (_source.NextDouble() * (max - min)) + min;

    public float Float(float min = 0.0f, float max = 1.0f) => Convert.ToSingle((Double() * (max - min)) + min);

    /// <summary>As Bogus's <c>Long</c>: a double scaled over the range in decimal arithmetic.</summary>
    public long Long(long min = long.MinValue, long max = long.MaxValue) => Scaled(Double(), min, max);

    /// <summary><paramref name="value"/> in [0, 1) scaled over [<paramref name="min"/>, <paramref name="max"/>] as Bogus scales it.</summary>
    internal static long Scaled(double value, long min, long max)
    {
        var draw = (decimal)value;
        if (ScaledExactly(draw, min, max) is { } exact)
        {
            return exact;
        }

        var range = (decimal)max - min;
        return Convert.ToInt64((draw * range) + min);
    }

    private static readonly UInt128 s_decimalLimit = UInt128.One << 96;

    // 10^0 … 10^28: the scales a decimal can have; and per scale, the first bound too large to scale within 96 bits.
    private static readonly UInt128[] s_powersOfTen = PowersOfTen();
    private static readonly UInt128[] s_boundLimits = [.. s_powersOfTen.Select(power => s_decimalLimit / power)];

    /// <summary>
    /// <c>Convert.ToInt64(draw * (max - min) + min)</c> in integers, where decimal arithmetic rounds nothing: the draw is
    /// m·10^-e with a 15-digit m, so when m·range and min·10^e + m·range stay under decimal's 96 bits both decimal
    /// operations are exact and only the conversion rounds (to the nearest, ties to even). <see langword="null"/> when
    /// they might not be (very wide ranges or bounds), for the decimal arithmetic itself to decide.
    /// </summary>
    private static long? ScaledExactly(decimal draw, long min, long max)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(draw, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (max < min || bits[2] != 0 || bits[3] < 0)
        {
            return null;
        }

        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        var range = unchecked((ulong)max - (ulong)min);
        var power = s_powersOfTen[scale];
        var product = (UInt128)mantissa * range;
        var magnitude = (UInt128)(min < 0 ? unchecked(0UL - (ulong)min) : (ulong)min);
        if (product >= s_decimalLimit || magnitude >= s_boundLimits[scale])
        {
            return null;
        }

        // min·10^e + m·range, as a sign and a magnitude.
        var shifted = magnitude * power;
        var negative = min < 0 && shifted > product;
        var sum = min >= 0 ? shifted + product : negative ? shifted - product : product - shifted;
        if (sum >= s_decimalLimit)
        {
            return null;
        }

        var whole = UInt128.DivRem(sum, power);
        var twice = whole.Remainder << 1;
        var rounded = twice > power || (twice == power && (whole.Quotient & UInt128.One) == UInt128.One) ? whole.Quotient + 1 : whole.Quotient;
        if (rounded > (negative ? (UInt128)long.MaxValue + 1 : long.MaxValue))
        {
            return null;
        }

        return negative ? unchecked((long)(0UL - (ulong)rounded)) : (long)rounded;
    }

    private static UInt128[] PowersOfTen()
    {
        var powers = new UInt128[29];
        powers[0] = UInt128.One;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }

    public bool Bool() => Number() == 0;

    public bool Bool(float weight) => Float() < weight;

    public T ArrayElement<T>(T[] array) => array.Length > 0
        ? array[Number(max: array.Length - 1)]
        : throw new ArgumentException("The array is empty. There are no items to select.", nameof(array));

    public T ListItem<T>(IList<T> list) => list.Count > 0
        ? list[Number(max: list.Count - 1)]
        : throw new ArgumentException("The list is empty. There are no items to select.", nameof(list));

    /// <summary>As Bogus's <c>WeightedRandom</c>: the first item whose cumulative weight band holds one float draw.</summary>
    public T WeightedRandom<T>(T[] items, float[] weights)
    {
        if (weights.Length != items.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), $"{nameof(items)}.Length and {nameof(weights)}.Length must be the same.");
        }

        var draw = Float();
        var min = 0f;
        var item = default(T);
        for (var i = 0; i < weights.Length; i++)
        {
            var max = min + weights[i];
            item = items[i];
            if (draw >= min && draw <= max)
            {
                break;
            }

            min += weights[i];
        }

        return item!;
    }

    public Guid Guid()
    {
        var bytes = new byte[16];
        _source.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>
    /// An item of one of Bogus's English data-set arrays (<c>name</c>/<c>first_name</c>), drawn as its
    /// <c>GetRandomArrayItem</c> draws it, from an array of strings read once per process.
    /// </summary>
    public string DataSetItem(BogusList list) => list.Items.Length == 0 ? string.Empty : list.Items[Number(0, list.Items.Length - 1)];

    private sealed class BogusRandomizer : Randomizer
    {
        // Bogus's parameterless constructor takes its shared source (a reference), where Randomizer(int) would build
        // a seeded System.Random (a 56-number table) for every request only to have it replaced here.
        public BogusRandomizer(RecordRandom source)
            : base() => localSeed = source;
    }
}

/// <summary>One of Bogus's English data-set arrays as strings, read once per process.</summary>
public sealed class BogusList
{
    private BogusList(string category, string path)
    {
        var array = Database.Get(category, path, "en") as BArray;
        Items = new string[array?.Count ?? 0];
        for (var i = 0; i < Items.Length; i++)
        {
            Items[i] = array![i].StringValue;
        }
    }

    public string[] Items { get; }

    public static readonly BogusList FirstNames = new("name", "first_name");

    public static readonly BogusList LastNames = new("name", "last_name");

    public static readonly BogusList StateAbbreviations = new("address", "state_abbr");

    public static readonly BogusList Words = new("lorem", "words");
}
