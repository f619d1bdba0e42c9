using System.Security.Cryptography;
using System.Text;

namespace TestDataAgent.Tests.Access;

/// <summary>API keys and their settings, as an operator writes them: the key's SHA-256 in hex, its scopes, its limits.</summary>
internal static class AccessKeys
{
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static Dictionary<string, string> Settings(bool allowAnonymous, params (string Name, string Key, string[] Scopes)[] keys)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Auth:AllowAnonymous"] = allowAnonymous ? "true" : "false",
        };
        foreach (var (name, key, scopes) in keys)
        {
            settings[$"Auth:ApiKeys:{name}:Hash"] = Hash(key);
            for (var i = 0; i < scopes.Length; i++)
            {
                settings[$"Auth:ApiKeys:{name}:Scopes:{i}"] = scopes[i];
            }
        }

        return settings;
    }

    public static Grpc.Core.Metadata Key(string key) => new() { { "x-api-key", key } };
}
