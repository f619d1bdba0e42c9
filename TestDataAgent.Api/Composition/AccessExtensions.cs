using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using TestDataAgent.Api.Access;
using TestDataAgent.Api.Infrastructure.Redis;

namespace TestDataAgent.Api.Composition;

public static class AccessExtensions
{
    /// <summary>The scheme that picks API key, bearer token or client certificate by what the request carries.</summary>
    public const string CallerScheme = "Caller";

    /// <summary>The rate limiting policy of <c>testdata.v1</c> calls: the caller's <c>RequestsPerSecond</c>.</summary>
    public const string RateLimitPolicy = "caller-requests";

    /// <summary>
    /// Who may call and how much (<see cref="AuthOptions"/>, <c>Auth</c>, validated at start): API keys (<c>x-api-key</c>,
    /// stored as SHA-256 hashes), JWT bearer tokens when <c>Auth:Jwt:Authority</c> is set, client certificates when
    /// <c>Auth:Certificates</c> has any; scopes as authorization policies; anonymous callers only when
    /// <c>Auth:AllowAnonymous</c> (default: Development only). Per caller: requests per second (ASP.NET Core rate
    /// limiting, shared through Redis when configured) and daily records and model tokens (<see cref="IUsageCounter"/>: Redis when configured).
    /// Call after <c>AddResponseCache</c>, whose Redis connection and guard the counters share.
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        var settings = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var jwt = !string.IsNullOrWhiteSpace(settings.Jwt.Authority);
        var certificates = settings.Certificates.Count > 0;

        var authentication = builder.Services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "API key, bearer token or client certificate", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName
                : jwt && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? JwtBearerDefaults.AuthenticationScheme
                : certificates && context.Connection.ClientCertificate is not null ? CertificateAuthenticationDefaults.AuthenticationScheme
                : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        if (jwt)
        {
            authentication.AddJwtBearer(options =>
            {
                options.Authority = settings.Jwt.Authority;
                options.Audience = settings.Jwt.Audience;
                options.RequireHttpsMetadata = settings.Jwt.RequireHttpsMetadata;
                options.MapInboundClaims = false;
                options.Events = JwtCallerEvents.For(settings.Jwt);
            });
        }

        if (certificates)
        {
            // Kestrel asks for a client certificate on HTTPS endpoints and leaves judging it to the handler below
            // (a configured endpoint's ClientCertificateMode wins); without one, the other credentials still work.
            builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }));
            authentication.AddCertificate(options =>
            {
                // Callers are pinned by thumbprint or subject; self-signed certificates are common for service-to-service calls.
                options.AllowedCertificateTypes = CertificateTypes.All;
                options.RevocationMode = X509RevocationMode.NoCheck;
                options.Events = CertificateCallerEvents.For(settings);
            });
        }

        builder.Services.AddAuthorization(options =>
        {
            foreach (var scope in Scopes.All.Append(null))
            {
                options.AddPolicy(ScopeRequirement.PolicyName(scope), policy => policy.AddRequirements(new ScopeRequirement(scope)));
            }
        });
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, CallerAuthorizationResultHandler>();
        builder.Services.AddSingleton<AuthFailureLog>();
        builder.Services.AddSingleton<ApiKeyTable>();
        builder.Services.AddSingleton<Callers>();
        builder.Services.AddSingleton<CallerMetrics>();
        builder.Services.AddSingleton<MemoryUsageCounter>();
        builder.Services.AddSingleton<IUsageCounter>(services => services.GetService<RedisConnection>() is { } redis
            ? new RedisUsageCounter(redis, services.GetRequiredService<RedisGuard>(), services.GetRequiredService<MemoryUsageCounter>())
            : services.GetRequiredService<MemoryUsageCounter>());
        builder.Services.AddSingleton<CallerQuota>();
        builder.Services.AddSingleton<CallerQuotaInterceptor>();
        builder.Services.AddHttpContextAccessor();
        if (builder.Services.Any(service => service.ServiceType == typeof(RedisConnection)))
        {
            builder.Services.AddSingleton<IRequestRateCounter, RedisRequestRateCounter>();
        }

        builder.Services.AddSingleton<CallerRequestRate>();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, context => context.RequestServices.GetRequiredService<CallerRequestRate>().PartitionOf(context));
            options.OnRejected = (rejected, _) => rejected.HttpContext.RequestServices.GetRequiredService<CallerRequestRate>().RejectAsync(rejected);
        });
        return builder;
    }

    /// <summary>Authentication, authorization and per-caller rate limits, in that order; before the endpoints are mapped.</summary>
    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// The scope each <c>testdata.v1</c> method needs, for gRPC and its JSON routes alike, and the caller's rate limit
    /// (when <paramref name="rateLimited"/>: some caller has a <c>RequestsPerSecond</c>).
    /// <c>HealthCheck</c> stays open, as health always does; a method not listed needs a caller with any scope.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder RequireCallerAccess(this GrpcServiceEndpointConventionBuilder endpoints, bool rateLimited)
    {
        endpoints.Add(endpoint =>
        {
            var method = endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault()?.Method.Name;
            if (method is null or "HealthCheck")
            {
                return;
            }

            var scope = method switch
            {
                "GenerateData" or "GenerateDataStream" or "GenerateDataset" => Scopes.Generate,
                "ValidateData" or "ValidateDataset" => Scopes.Validate,
                "RecordPatterns" => Scopes.PatternsWrite,
                _ => null,
            };
            endpoint.Metadata.Add(new AuthorizeAttribute(ScopeRequirement.PolicyName(scope)));
            if (rateLimited)
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(RateLimitPolicy));
            }
        });
        return endpoints;
    }
}
