using System.Security.Cryptography;
using System.Text;

namespace TestDataAgent.Generators.Rag;

/// <summary>Deterministic IDs: the same content always gets the same ID, so seeding and re-recording are idempotent.</summary>
public static class PatternIds
{
    /// <summary>How every ID of the shipped seed corpus begins (recorded patterns begin with <c>pat-</c>, <c>def-</c> or <c>smp-</c>).</summary>
    public const string SeedPrefix = "seed-";

    /// <summary>Whether <paramref name="id"/> is a pattern of the shipped seed corpus.</summary>
    public static bool IsSeed(string id) => id.StartsWith(SeedPrefix, StringComparison.Ordinal);

    // A fixed namespace for name-based (version 5 style) UUIDs.
    private static readonly Guid s_namespace = new("6f0e5f3c-8d7a-4c62-9a1e-2b7f3f1c9d40");

    /// <summary>An ID for recorded content: a kind prefix and 20 hex digits of its SHA-256.</summary>
    public static string ForContent(PatternCategory kind, string domain, string entity, string canonicalJson)
    {
        var prefix = kind switch
        {
            PatternCategory.Defect => "def",
            PatternCategory.ProductionSample => "smp",
            _ => "pat",
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{domain}\n{entity}\n{canonicalJson}"));
        return $"{prefix}-{entity}-{Convert.ToHexStringLower(hash)[..20]}";
    }

    /// <summary>A name-based UUID (RFC 9562 version 5 layout, SHA-1) from a collection and an ID, as Weaviate object IDs.</summary>
    public static Guid Uuid(string collection, string id)
    {
        Span<byte> name = stackalloc byte[16];
        s_namespace.TryWriteBytes(name, bigEndian: true, out _);
        var input = new byte[16 + Encoding.UTF8.GetByteCount(collection) + 1 + Encoding.UTF8.GetByteCount(id)];
        name.CopyTo(input);
        var written = 16 + Encoding.UTF8.GetBytes(collection, input.AsSpan(16));
        input[written++] = (byte)'/';
        Encoding.UTF8.GetBytes(id, input.AsSpan(written));
#pragma warning disable CA5350 // SHA-1 is what the UUID version 5 layout specifies; it names objects, it protects nothing.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
