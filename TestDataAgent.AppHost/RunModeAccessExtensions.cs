using System.Security.Cryptography;
using System.Text;

namespace TestDataAgent.AppHost;

public static class RunModeAccessExtensions
{
    /// <summary>The parameter resource whose value is this run's API key (shown, masked, on the dashboard's Resources page).</summary>
    public const string ApiKeyParameter = "api-key";

    /// <summary>
    /// Run mode needs no setup: the api serves callers without a credential (<c>Auth:AllowAnonymous</c>), and this run's
    /// own API key, with the <c>admin</c> scope, is made fresh and shown as the secret parameter <c>api-key</c>, so calls
    /// with a key (and the key's limits and scopes) can be tried at once. The api stores only its SHA-256.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRunModeAccess(this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder)
    {
        var key = "tda_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        builder.AddParameter(ApiKeyParameter, key, secret: true);
        return api.WithEnvironment("Auth__AllowAnonymous", "true")
            .WithEnvironment("Auth__ApiKeys__apphost__Hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            .WithEnvironment("Auth__ApiKeys__apphost__Scopes__0", "admin");
    }
}
