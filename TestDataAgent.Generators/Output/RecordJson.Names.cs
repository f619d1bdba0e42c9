using System.Text.Json;

namespace TestDataAgent.Generators.Output;

public static partial class RecordJson
{
    // A record's keys are a few string instances (its schema's field names, made once per compiled plan), so each is
    // escaped and turned into UTF-8 once per thread rather than once per record. Records of a schema put the same names
    // in the same places, so a name is first looked for where it was in the last record at its depth (one reference
    // comparison), then in a table keyed by reference. A name that arrives as a new string each time (a model's record)
    // only costs an entry, and the table is emptied when it fills.
    [ThreadStatic]
    private static EncodedNames? t_names;

    private sealed class EncodedNames
    {
        private const int MaxNames = 1024;
        private const int Depths = 8;
        private const int Positions = 64;

        private readonly Dictionary<string, byte[]> _byName = new(ReferenceEqualityComparer.Instance);
        private readonly string?[] _lastNames = new string?[Depths * Positions];
        private readonly byte[][] _lastEncoded = new byte[Depths * Positions][];

        /// <summary>The bytes the writer writes for <paramref name="name"/> as a property name: <c>"name":</c>.</summary>
        public byte[] Get(string name, int depth, int position)
        {
            if (depth >= Depths || position >= Positions)
            {
                return Lookup(name);
            }

            var slot = (depth * Positions) + position;
            if (ReferenceEquals(_lastNames[slot], name))
            {
                return _lastEncoded[slot];
            }

            var encoded = Lookup(name);
            _lastNames[slot] = name;
            _lastEncoded[slot] = encoded;
            return encoded;
        }

        private byte[] Lookup(string name)
        {
            if (!_byName.TryGetValue(name, out var encoded))
            {
                if (_byName.Count == MaxNames)
                {
                    _byName.Clear();
                }

                // The writer's own encoder, so the bytes are those WritePropertyName(string) writes.
                var escaped = JsonEncodedText.Encode(name, WriterOptions.Encoder).EncodedUtf8Bytes;
                encoded = new byte[escaped.Length + 3];
                encoded[0] = (byte)'"';
                escaped.CopyTo(encoded.AsSpan(1));
                encoded[^2] = (byte)'"';
                encoded[^1] = (byte)':';
                _byName.Add(name, encoded);
            }

            return encoded;
        }
    }
}
