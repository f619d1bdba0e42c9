using Bogus.DataSets;
using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// The state of one request's generation: its own seeded <see cref="RecordRandomizer"/> and data sets (never shared
/// across requests or threads), the reference time, and the per-record choices that keep fields coherent (the record's theme,
/// the product an item describes).
/// </summary>
public sealed class GenerationContext
{
    public GenerationContext(long seed, DateTimeOffset referenceTime, ThemeCatalog catalog, bool edgeCases = false, LocaleMix? locales = null)
    {
        Locales = locales ?? LocaleMix.Default;
        EdgeCases = edgeCases;
        Seed = seed;
        ReferenceTime = referenceTime;
        Catalog = catalog;
        Source = new RecordRandom(seed);
        Random = new RecordRandomizer(Source);
    }

    /// <summary>The record's own random sequence, restarted by <see cref="BeginRecord"/>; what <see cref="Random"/> draws from.</summary>
    public RecordRandom Source { get; }

    public long Seed { get; }

    /// <summary>Whether the request asked for boundary values (the <c>edge_case</c> hint).</summary>
    public bool EdgeCases { get; }

    public DateTimeOffset ReferenceTime { get; }

    public ThemeCatalog Catalog { get; }

    /// <summary>Draws over <see cref="Source"/> with Bogus's arithmetic and without its process-wide lock.</summary>
    public RecordRandomizer Random { get; }

    // Only the Bogus data sets a request uses are made, on first use: a whole Faker costs about a millisecond to build,
    // more than generating ten records.
    private Name? _names;
    private Address? _addresses;
    private Internet? _internet;
    private Lorem? _lorem;

    public Name Names => _names ??= new Name("en") { Random = Random.Bogus };

    public Address Addresses => _addresses ??= new Address("en") { Random = Random.Bogus };

    public Internet Internet => _internet ??= new Internet("en") { Random = Random.Bogus };

    public Lorem Lorem => _lorem ??= new Lorem("en") { Random = Random.Bogus };

    /// <summary>Global 0-based index of the record being made.</summary>
    public long RecordIndex { get; private set; }

    /// <summary>The record being made (the root, not a nested object).</summary>
    public DataRecord Record { get; private set; } = new();

    private Theme? _theme;
    private ThemeProduct? _product;

    /// <summary>The record's theme, drawn on first use.</summary>
    public Theme Theme => _theme ??= Random.ListItem(Catalog.Themes as IList<Theme> ?? [.. Catalog.Themes]);

    /// <summary>The product the current object (a record or an item) describes, drawn from the theme on first use.</summary>
    public ThemeProduct Product => _product ??= Random.ListItem(Theme.Products as IList<ThemeProduct> ?? [.. Theme.Products]);

    /// <summary>
    /// Starts record <paramref name="index"/>: its random sequence restarts from (seed, index, <paramref name="attempt"/>),
    /// so the record depends on nothing made before it.
    /// </summary>
    public void BeginRecord(long index, DataRecord record, int attempt = 0)
    {
        Source.Restart(Seed, index, attempt);
        RecordIndex = index;
        Record = record;
        _theme = null;
        _product = null;
        _place = null;
        Locale = Locales.For(Seed, index);
    }

    private IdPermutation?[] _permutations = [];

    /// <summary>
    /// The keyed permutation of [0, <paramref name="size"/>) in <paramref name="slot"/>, keyed by this request's seed and
    /// the field's <paramref name="salt"/>: made on first use, then reused for every record of the request.
    /// </summary>
    public IdPermutation Permutation(int slot, ulong size, ulong salt)
    {
        if (slot >= _permutations.Length)
        {
            Array.Resize(ref _permutations, slot + 1);
        }

        return _permutations[slot] ??= new IdPermutation(size, (ulong)Seed ^ salt);
    }

    /// <summary>Starts a nested object: an array item describes its own product (and an address its own place), within the record's theme and locale.</summary>
    public void BeginObject()
    {
        _product = null;
        _place = null;
    }

    // Records and lists this context made since the last Recycle, and those free to make the next record with.
    private List<DataRecord> _rentedRecords = null!;
    private List<List<object?>> _rentedLists = null!;
    private Stack<DataRecord> _freeRecords = null!;
    private Stack<List<object?>> _freeLists = null!;

    /// <summary>
    /// Whether records and lists are reused: set only by a caller that is done with a record (written, counted) before
    /// it asks for the next one, as a stream's batch is. Then a record costs no allocation for its structure.
    /// </summary>
    public bool RecyclesRecords
    {
        get;
        internal set
        {
            if (value && !field)
            {
                _rentedRecords = [];
                _rentedLists = [];
                _freeRecords = new();
                _freeLists = new();
            }

            field = value;
        }
    }

    /// <summary>An empty record for the record being made: a reused one when <see cref="RecyclesRecords"/>.</summary>
    public DataRecord NewRecord(int capacity)
    {
        if (!RecyclesRecords)
        {
            return new DataRecord(capacity);
        }

        var record = _freeRecords.Count > 0 ? _freeRecords.Pop() : new DataRecord(capacity);
        _rentedRecords.Add(record);
        return record;
    }

    /// <summary>An empty list for the record being made: a reused one when <see cref="RecyclesRecords"/>.</summary>
    public List<object?> NewList(int capacity)
    {
        if (!RecyclesRecords)
        {
            return new List<object?>(capacity);
        }

        var list = _freeLists.Count > 0 ? _freeLists.Pop() : new List<object?>(capacity);
        _rentedLists.Add(list);
        return list;
    }

    /// <summary>
    /// Takes back every record and list made since the last call: the caller no longer holds any of them. Only what
    /// <see cref="NewRecord"/> and <see cref="NewList"/> made is reused, never a value that came from elsewhere.
    /// </summary>
    public void Recycle()
    {
        // Pushed last first, so the next record takes them in the order this one did: the root record is the root again,
        // each nested object takes the one in its place, and none has to grow.
        for (var i = _rentedRecords.Count - 1; i >= 0; i--)
        {
            _rentedRecords[i].Clear();
            _freeRecords.Push(_rentedRecords[i]);
        }

        for (var i = _rentedLists.Count - 1; i >= 0; i--)
        {
            _rentedLists[i].Clear();
            _freeLists.Push(_rentedLists[i]);
        }

        _rentedRecords.Clear();
        _rentedLists.Clear();
    }

    /// <summary>The request's locales; <see cref="LocaleMix.Default"/> keeps the original generator.</summary>
    public LocaleMix Locales { get; }

    /// <summary>The record's locale, or <see langword="null"/> for the original generator (no locale sent).</summary>
    public Locale? Locale { get; private set; }

    private LocalePlace? _place;

    /// <summary>The place the current object's address fields describe, drawn from the record's locale on first use.</summary>
    public LocalePlace Place => _place ??= Locale is { } locale ? locale.Places[Random.Number(0, locale.Places.Count - 1)]
        : throw new InvalidOperationException("A place is drawn only for a record with a locale.");

    /// <summary>Decimal places of the record's currency: 2 without a locale.</summary>
    public int MinorUnits => Locale?.MinorUnits ?? 2;
}
