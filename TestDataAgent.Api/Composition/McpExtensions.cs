using ModelContextProtocol.AspNetCore;
using TestDataAgent.Api.Access;
using TestDataAgent.Api.Mcp;
using TestDataAgent.Mcp;

namespace TestDataAgent.Api.Composition;

public static class McpExtensions
{
    /// <summary>The MCP endpoint's path on the HTTP port.</summary>
    public const string Path = "/mcp";

    /// <summary>
    /// The MCP server (Streamable HTTP, stateless: every call is one HTTP request, so any replica answers it and the
    /// caller's credential is checked on each) with the test data tools (<see cref="TestDataMcpExtensions.WithTestDataTools"/>)
    /// over <see cref="CallerGateway"/>: the domain behind the caller's scopes, quotas and admission. <see cref="McpOptions"/>
    /// bind from <c>Mcp</c>. Call after <c>AddAccess</c> and <c>AddAdmission</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMcp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<DomainGateway>();
        builder.Services.AddScoped<ITestDataGateway, CallerGateway>();
        builder.Services.AddOptions<McpOptions>().BindConfiguration(McpOptions.SectionName);
        builder.Services.AddMcpServer()
            .WithHttpTransport(options => options.SessionMode = HttpServerSessionMode.Stateless)
            .WithTestDataTools();
        return builder;
    }

    /// <summary>
    /// <c>/mcp</c>, as the JSON routes are served: any caller with a scope (anonymous only where <c>Auth:AllowAnonymous</c>
    /// allows), the caller's rate limit; each tool then asks for its own scope.
    /// </summary>
    public static WebApplication MapMcp(this WebApplication app)
    {
        app.MapMcp(Path)
            .RequireAuthorization(ScopeRequirement.PolicyName(null))
            .RequireRateLimiting(AccessExtensions.RateLimitPolicy);
        return app;
    }
}
