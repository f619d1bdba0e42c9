using System.Runtime.CompilerServices;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// The caller's blank rates (<c>null_rate</c>, <c>missing_rate</c>), applied to finished records on every path, so
/// derived values are computed from whole records first. Whether a field is blank depends only on the seed, the record's
/// <c>_index</c>, the field's path and an item's position: the same seed blanks the same fields. A field a record's scenario
/// overrides keeps the override.
/// </summary>
internal sealed class RecordBlanks
{
    // A schema's blank fields, found once per schema instance (a built-in entity without constraints is the same
    // instance on every call; schemas never change once made).
    private static readonly ConditionalWeakTable<EntitySchema, Blank[]> s_bySchema = [];

    private readonly ulong _seed;
    private readonly Blank[] _blanks;
    private readonly Dictionary<string, IReadOnlyDictionary<string, object?>> _overrides;

    private RecordBlanks(GenerationRequest request, Blank[] blanks)
    {
        _seed = (ulong)request.Seed;
        _blanks = blanks;
        _overrides = request.Scenarios.ToDictionary(s => s.Name, s => s.Overrides, StringComparer.Ordinal);
    }

    /// <summary>The request's blanks, or <see langword="null"/> when it asks for none.</summary>
    public static RecordBlanks? For(GenerationRequest request)
    {
        var blanks = s_bySchema.GetValue(request.Schema, static schema =>
        {
            var found = new List<Blank>();
            Collect(schema.Fields, found);
            return [.. found];
        });
        return blanks.Length == 0 ? null : new RecordBlanks(request, blanks);
    }

    public void Apply(DataRecord record)
    {
        var index = record.TryGetValue(DataRecord.IndexField, out var position) && position is long l ? (ulong)l : 0UL;
        var overrides = record.TryGetValue(DataRecord.ScenarioField, out var name) && name is string scenario && _overrides.TryGetValue(scenario, out var found)
            ? found
            : null;
        foreach (var blank in _blanks)
        {
            if (overrides is not null && overrides.ContainsKey(blank.Key))
            {
                continue;
            }

            Apply(record, blank, 0, Mix(_seed ^ blank.PathHash, index));
        }
    }

    private static void Apply(object? node, Blank blank, int depth, ulong state)
    {
        switch (node)
        {
            case DataRecord record when depth == blank.Parts.Length - 1:
                if (record.ContainsKey(blank.Parts[depth]))
                {
                    var draw = (Mix(state, 0x9E3779B97F4A7C15UL) >> 11) * (1.0 / (1UL << 53));
                    if (draw < blank.MissingRate)
                    {
                        record.Remove(blank.Parts[depth]);
                    }
                    else if (draw < blank.MissingRate + blank.NullRate)
                    {
                        record[blank.Parts[depth]] = null;
                    }
                }

                break;
            case DataRecord record:
                if (record.TryGetValue(blank.Parts[depth], out var child))
                {
                    Apply(child, blank, depth + 1, state);
                }

                break;
            case List<object?> list:
                for (var i = 0; i < list.Count; i++)
                {
                    Apply(list[i], blank, depth, Mix(state, (ulong)i + 1));
                }

                break;
        }
    }

    private static void Collect(IReadOnlyList<FieldDefinition> fields, List<Blank> blanks)
    {
        foreach (var field in fields)
        {
            if (field.NullRate > 0 || field.MissingRate > 0)
            {
                var key = OverrideConverter.KeyOf(field);
                blanks.Add(new Blank(key, key.Split('.'), field.NullRate, field.MissingRate, Hash(key)));
            }

            Collect(field.Fields, blanks);
            if (field.Items is { } items)
            {
                Collect(items.Fields, blanks);
            }
        }
    }

    // SplitMix64's finaliser over two words: well mixed, cheap, and the same in every process.
    private static ulong Mix(ulong a, ulong b)
    {
        var z = a + (b * 0x9E3779B97F4A7C15UL) + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return hash;
    }

    private sealed record Blank(string Key, string[] Parts, double NullRate, double MissingRate, ulong PathHash);
}
