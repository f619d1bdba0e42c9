using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Access;

/// <summary>
/// The configured API keys with their hashes decoded once (<c>Auth:ApiKeys</c>, validated at start), so checking a
/// key costs one SHA-256 of it and a constant-time comparison per configured key, with no allocation.
/// </summary>
internal sealed class ApiKeyTable(IOptions<AuthOptions> auth)
{
    private readonly (string Name, byte[] Hash, string[] Scopes)[] _keys =
        [.. auth.Value.ApiKeys.Select(entry => (entry.Key, Convert.FromHexString(entry.Value.Hash), entry.Value.Scopes.ToArray()))];

    /// <summary>The name and scopes of the key whose SHA-256 is <paramref name="hash"/>, or false.</summary>
    public bool TryFind(ReadOnlySpan<byte> hash, out string name, out string[] scopes)
    {
        // Every configured hash is compared, in constant time: how long this takes says nothing about a configured hash.
        var found = -1;
        for (var i = 0; i < _keys.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, _keys[i].Hash) && found < 0)
            {
                found = i;
            }
        }

        (name, scopes) = found < 0 ? ("", []) : (_keys[found].Name, _keys[found].Scopes);
        return found >= 0;
    }
}
