using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Access;

/// <summary>Finds the <see cref="Caller"/> of a request from its authenticated user (or its client address).</summary>
public sealed class Callers(IOptions<AuthOptions> options)
{
    public const string AnonymousLabel = "anonymous";

    // Configured callers are made once: finding one on every call costs a lookup, not two strings and a record.
    private readonly Dictionary<string, Caller> _keys = options.Value.ApiKeys.ToDictionary(
        entry => entry.Key, entry => new Caller($"key:{entry.Key}", $"key:{entry.Key}", entry.Value), StringComparer.Ordinal);

    private readonly Dictionary<string, Caller> _certificates = options.Value.Certificates.ToDictionary(
        entry => entry.Key, entry => new Caller($"cert:{entry.Key}", $"cert:{entry.Key}", entry.Value), StringComparer.Ordinal);

    public Caller Of(HttpContext context)
    {
        var user = context.User;
        var settings = options.Value;
        if (user.Identity?.IsAuthenticated == true && user.Identity.Name is { } name)
        {
            switch (user.FindFirstValue(CallerClaims.KindType))
            {
                case CallerClaims.ApiKey when _keys.TryGetValue(name, out var key):
                    return key;
                case CallerClaims.Certificate when _certificates.TryGetValue(name, out var certificate):
                    return certificate;
                default:
                    // JWT subjects are unbounded: limits per subject, one metric label for all.
                    return new Caller($"jwt:{name}", CallerClaims.Jwt, settings.Jwt);
            }
        }

        return new Caller($"{AnonymousLabel}:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", AnonymousLabel, settings.Anonymous);
    }
}
