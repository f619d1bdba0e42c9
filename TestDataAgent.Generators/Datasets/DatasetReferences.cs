using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// Links a dataset's tables: each to its parent, each declared reference (<c>references</c> in our schema format,
/// <c>x-references</c> in JSON Schema) to a table and a way to find its row from the child's key, and orders the
/// tables so every table follows those it references. Unknown parents, cycles and references no key can satisfy are refused.
/// </summary>
internal static class DatasetReferences
{
    public static List<DatasetTable> Link(IReadOnlyList<DatasetTableInput> inputs, List<DatasetTable> tables, List<string> warnings)
    {
        var byName = new Dictionary<string, DatasetTable>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            if (!byName.TryAdd(table.Name, table))
            {
                throw new InvalidRequestException($"{table.Path}.name", $"{table.Location}: the name is used by an earlier table; give each table its own name");
            }
        }

        for (var i = 0; i < tables.Count; i++)
        {
            if (inputs[i].Parent is { Length: > 0 } parent)
            {
                tables[i].Parent = byName.TryGetValue(parent, out var found)
                    ? found
                    : throw new InvalidRequestException($"{tables[i].Path}.parent", $"{tables[i].Location}: parent '{Echo.Quote(parent)}' is not a table of this dataset");
            }
        }

        var targets = tables.ToDictionary(t => t, t => Targets(t, tables, byName, warnings));
        var ordered = Order(tables, targets);
        foreach (var table in ordered)
        {
            table.KeySpace = table.Parent is { } parent ? Multiply(parent.KeySpace, table.MaxPerParent, table) : table.Count;
            foreach (var (column, target) in targets[table])
            {
                EnsureColumn(table, column, target);
                table.References.Add(Resolve(table, column, target));
            }
        }

        foreach (var table in ordered.Where(t => t.PrimaryKey is null && ordered.Any(o => o.References.Any(r => r.Target == t))))
        {
            throw new InvalidRequestException(table.Path, $"{table.Location}: other tables reference it but it has no primary key; declare primary_key (or a field named id)");
        }

        return ordered;
    }

    /// <summary>The tables each column references; a reference to a table the dataset lacks is dropped with a warning.</summary>
    private static List<(string Column, DatasetTable Target)> Targets(DatasetTable table, List<DatasetTable> tables, Dictionary<string, DatasetTable> byName, List<string> warnings)
    {
        var found = new List<(string, DatasetTable)>();
        foreach (var field in table.GenerationSchema.Fields.Where(f => f.References is not null))
        {
            var reference = field.References!;
            var dot = reference.LastIndexOf('.');
            var (name, column) = dot > 0 ? (reference[..dot], reference[(dot + 1)..]) : (reference, "");
            var target = byName.GetValueOrDefault(name) ?? Single(tables, t => t.Entity == name) ?? (table.Parent?.Entity == name ? table.Parent : null);
            if (target is null)
            {
                warnings.Add($"{table.Name}.{field.Name} references {name}, which is not a table of this dataset; its values are not foreign keys");
                continue;
            }

            if (column.Length > 0 && column != target.PrimaryKey)
            {
                throw new InvalidRequestException($"{table.Path}.{field.Name}", $"{table.Location}: {field.Name} references {target.Name}.{column}, which is not the primary key of {target.Name} ({target.PrimaryKey ?? "none"})");
            }

            if (target.PrimaryKey is { } key && (field.Kind == FieldKind.Integer) != (target.GenerationSchema.FindField(key)?.Kind == FieldKind.Integer))
            {
                throw new InvalidRequestException($"{table.Path}.{field.Name}", $"{table.Location}: {field.Name} is {field.Kind.ToName()} but the key it references, {target.Name}.{key}, is not; make their types agree");
            }

            found.Add((field.Name, target));
        }

        if (table.Parent is { } parent && !found.Any(f => f.Item2 == parent))
        {
            // A child of its own entity (users under users) cannot reuse the key's name: its own key has it.
            var key = parent.PrimaryKey ?? $"{parent.Name}_id";
            found.Insert(0, (key == table.PrimaryKey ? $"{parent.Name}_{key}" : key, parent));
        }

        return found;
    }

    private static DatasetTable? Single(List<DatasetTable> tables, Func<DatasetTable, bool> match) =>
        tables.Count(match) == 1 ? tables.First(match) : null;

    /// <summary>Parents and referenced tables first (depth-first, in request order); a cycle is refused naming a table on it.</summary>
    private static List<DatasetTable> Order(List<DatasetTable> tables, Dictionary<DatasetTable, List<(string Column, DatasetTable Target)>> targets)
    {
        var ordered = new List<DatasetTable>(tables.Count);
        var state = new Dictionary<DatasetTable, bool>();
        void Visit(DatasetTable table)
        {
            if (state.TryGetValue(table, out var done))
            {
                if (!done)
                {
                    throw new InvalidRequestException($"{table.Path}.parent", $"{table.Location}: its parents and references form a cycle through it; a dataset must be acyclic");
                }

                return;
            }

            state[table] = false;
            if (table.Parent is { } parent)
            {
                Visit(parent);
            }

            foreach (var (_, target) in targets[table].Where(t => t.Target != table))
            {
                Visit(target);
            }

            state[table] = true;
            ordered.Add(table);
        }

        foreach (var table in tables)
        {
            Visit(table);
        }

        foreach (var table in tables.Where(t => targets[t].Any(r => r.Target == t)))
        {
            throw new InvalidRequestException(table.Path, $"{table.Location}: it references itself; a dataset must be acyclic");
        }

        return ordered;
    }

    private static DatasetReference Resolve(DatasetTable table, string column, DatasetTable target)
    {
        if (target == table.Parent)
        {
            return new DatasetReference(column, target, ReferenceKind.Parent);
        }

        if (table.Parent?.ReferenceTo(target) is { } via)
        {
            return new DatasetReference(column, target, ReferenceKind.ThroughParent) { Via = via };
        }

        if (table.HasAncestor(target))
        {
            return new DatasetReference(column, target, ReferenceKind.Ancestor);
        }

        return target.IsRoot
            ? new DatasetReference(column, target, ReferenceKind.Root)
            : throw new InvalidRequestException($"{table.Path}.{column}", $"{table.Location}: {column} references {target.Name}, which is neither an ancestor of {table.Name}, referenced by its parent, nor a root table, so no row of it can be chosen by key; make {target.Name} an ancestor");
    }

    /// <summary>A child whose schema lacks its parent's key column gets one, placed after its own primary key.</summary>
    private static void EnsureColumn(DatasetTable table, string column, DatasetTable target)
    {
        if (table.GenerationSchema.FindField(column) is not null || target.PrimaryKey is not { } key)
        {
            return;
        }

        var kind = target.GenerationSchema.FindField(key)!.Kind == FieldKind.Integer ? FieldKind.Integer : FieldKind.String;
        var field = new FieldDefinition { Name = column, Path = column, Kind = kind, Required = true, Description = $"The {target.Name} row this row belongs to", References = $"{target.Name}.{key}" };
        table.GenerationSchema = table.GenerationSchema with { Fields = Insert(table.GenerationSchema.Fields, field, table.PrimaryKey) };
        table.OutputSchema = table.OutputSchema with { Fields = Insert(table.OutputSchema.Fields, field, table.PrimaryKey) };
    }

    private static List<FieldDefinition> Insert(IReadOnlyList<FieldDefinition> fields, FieldDefinition column, string? after)
    {
        var list = fields.ToList();
        list.Insert(list.FindIndex(f => f.Name == after) + 1, column);
        return list;
    }

    private static long Multiply(long keySpace, int perParent, DatasetTable table)
    {
        const long MaxKeySpace = 1L << 53;
        return keySpace <= MaxKeySpace / perParent
            ? keySpace * perParent
            : throw new InvalidRequestException($"{table.Path}.max_per_parent", $"{table.Location}: the row keys would pass 2^53 (the product of the counts and max_per_parent above it); lower them");
    }
}
