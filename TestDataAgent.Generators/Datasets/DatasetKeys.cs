using System.Globalization;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// Key arithmetic of one dataset: how many children a parent row has, whether a key names a row, the rows of a table
/// in key order, and the primary and foreign key values of a row, each from (seed, table, key) alone. Not thread-safe.
/// </summary>
public sealed class DatasetKeys(long seed)
{
    // Distinct attempt numbers keep these draws apart from the ones that make a row's values.
    private const int ChildCountAttempt = 1_000_001;
    private const int RootPickAttempt = 1_000_002;

    private readonly RecordRandom _random = new(seed);

    public long Seed => seed;

    /// <summary>How many rows of <paramref name="table"/> the parent row <paramref name="parentKey"/> has.</summary>
    public int ChildCount(DatasetTable table, long parentKey)
    {
        _random.Restart(seed ^ table.Salt, parentKey, ChildCountAttempt);
        var u = _random.NextDouble();
        var cdf = table.ChildCountCdf;
        var r = Array.BinarySearch(cdf, u);
        r = r >= 0 ? r + 1 : ~r;
        return table.MinPerParent + Math.Min(r, cdf.Length - 1);
    }

    public bool Exists(DatasetTable table, long key)
    {
        if (key < 0 || key >= table.KeySpace)
        {
            return false;
        }

        if (table.Parent is not { } parent)
        {
            return key < table.Count;
        }

        var parentKey = key / table.MaxPerParent;
        return Exists(parent, parentKey) && key % table.MaxPerParent < ChildCount(table, parentKey);
    }

    /// <summary>The keys of <paramref name="table"/>'s rows, ascending: parents' keys in order, each parent's children in order.</summary>
    public IEnumerable<long> Keys(DatasetTable table)
    {
        if (table.Parent is not { } parent)
        {
            for (var key = 0L; key < table.Count; key++)
            {
                yield return key;
            }

            yield break;
        }

        foreach (var parentKey in Keys(parent))
        {
            var children = ChildCount(table, parentKey);
            for (var k = 0; k < children; k++)
            {
                yield return (parentKey * table.MaxPerParent) + k;
            }
        }
    }

    /// <summary>The keys of the children of <paramref name="parentKey"/> in <paramref name="child"/>.</summary>
    public IEnumerable<long> ChildKeys(DatasetTable child, long parentKey)
    {
        var children = ChildCount(child, parentKey);
        for (var k = 0; k < children; k++)
        {
            yield return (parentKey * child.MaxPerParent) + k;
        }
    }

    public static long ParentKey(DatasetTable table, long key) => key / table.MaxPerParent;

    /// <summary>The key of the row of the reference's target that <paramref name="reference"/> of row <paramref name="key"/> points at.</summary>
    public long TargetKey(DatasetTable table, long key, DatasetReference reference)
    {
        switch (reference.How)
        {
            case ReferenceKind.Parent:
                return ParentKey(table, key);
            case ReferenceKind.ThroughParent:
                return TargetKey(table.Parent!, ParentKey(table, key), reference.Via!);
            case ReferenceKind.Ancestor:
                var current = table;
                while (current != reference.Target)
                {
                    key = ParentKey(current, key);
                    current = current.Parent!;
                }

                return key;
            default:
                _random.Restart(seed ^ table.Salt ^ DatasetHash.Of(reference.Column), key, RootPickAttempt);
                return _random.NextInt64(reference.Target.Count);
        }
    }

    /// <summary>
    /// The primary key value of row <paramref name="key"/>: its key + 1 for an integer column; otherwise the ID template's
    /// literal prefix (ORD- for ORD-{year}-{random:7}) and the key, zero-padded so values sort as keys do; a version-4-shaped
    /// UUID holding the key for a uuid column. Unique because keys are.
    /// </summary>
    public static object PrimaryKeyValue(DatasetTable table, long key)
    {
        var field = table.GenerationSchema.FindField(table.PrimaryKey!)!;
        if (field.Kind == FieldKind.Integer)
        {
            return key + 1;
        }

        if (field.Kind == FieldKind.Uuid || field.Format == "uuid")
        {
            return string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{key:x12}");
        }

        var width = Math.Max(1, (table.KeySpace - 1).ToString(CultureInfo.InvariantCulture).Length);
        var prefix = field.Format is { } format && format.IndexOf('{', StringComparison.Ordinal) is var open and > 0
            ? format[..open]
            : $"{table.Name}-";
        return prefix + key.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }
}
