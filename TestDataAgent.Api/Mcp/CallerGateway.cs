using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using TestDataAgent.Api.Access;
using TestDataAgent.Api.Limits;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Mcp;

namespace TestDataAgent.Api.Mcp;

/// <summary>
/// The MCP tools' way into the domain on the api: <see cref="DomainGateway"/> behind what guards every <c>testdata.v1</c>
/// call, in the interceptors' order. The caller (already authenticated and rate limited at <c>/mcp</c>) must hold the
/// method's scope (the same policies: <c>generate</c>, <c>validate</c>); a generation reserves its records against the
/// caller's daily quotas (<see cref="CallerQuota"/>) and is given them back when refused as invalid; then admission
/// (<see cref="AdmissionControl"/>): every generation is a stream (a slot and one of the caller's streams), validation takes
/// slots by its data's size. A refusal is an <see cref="McpException"/> whose message says which limit and setting.
/// </summary>
internal sealed class CallerGateway(
    DomainGateway domain,
    IHttpContextAccessor accessor,
    IAuthorizationService authorization,
    Callers callers,
    CallerMetrics metrics,
    AuthFailureLog failures,
    CallerQuota quota,
    AdmissionControl admission,
    IOptions<AdmissionOptions> admissionOptions,
    CallerKey callerKey) : ITestDataGateway
{
    public IReadOnlyList<EntitySchema> ListSchemas(string domainName) => domain.ListSchemas(domainName);

    public string Example(EntitySchema schema, FieldDefinition field) => domain.Example(schema, field);

    public async Task StreamAsync(GenerationRequestInput input, Func<StreamChunk, Task> write, CancellationToken cancellationToken)
    {
        var (http, caller) = await AuthorizeAsync(Scopes.Generate, "generate_data");
        long records;
        try
        {
            records = await quota.ReserveAsync(caller, input, cancellationToken);
        }
        catch (QuotaExceededException exceeded)
        {
            throw new McpException(exceeded.Message, exceeded);
        }

        try
        {
            using var slot = await AdmitAsync(http, slots: 1, stream: true, cancellationToken);
            await domain.StreamAsync(input with { PatternOwner = caller.Limits.OwnPatternsOnly ? caller.Name : null }, write, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidRequestException or McpException)
        {
            await quota.GiveBackAsync(caller, records);
            throw;
        }
    }

    public async Task<ValidationReport> ValidateAsync(string data, DataFormat format, string entity, string domainName, string inlineSchema,
        IReadOnlyDictionary<string, FieldConstraintInput> constraints, CancellationToken cancellationToken)
    {
        var (http, _) = await AuthorizeAsync(Scopes.Validate, "validate_data");
        using var slot = await AdmitAsync(http, admissionOptions.Value.SlotsForData(data.Length), stream: false, cancellationToken);
        return await domain.ValidateAsync(data, format, entity, domainName, inlineSchema, constraints, cancellationToken);
    }

    public async Task<DatasetSummary> StreamDatasetAsync(DatasetRequestInput input, Func<DatasetChunk, Task> write, CancellationToken cancellationToken)
    {
        var (http, _) = await AuthorizeAsync(Scopes.Generate, "generate_dataset");
        using var slot = await AdmitAsync(http, slots: 1, stream: true, cancellationToken);
        return await domain.StreamDatasetAsync(input, write, cancellationToken);
    }

    private async Task<(HttpContext Http, Caller Caller)> AuthorizeAsync(string scope, string tool)
    {
        var http = accessor.HttpContext ?? throw new InvalidOperationException("The MCP tools run inside an HTTP request on the api.");
        var caller = callers.Of(http);
        metrics.Call(caller, tool);
        var result = await authorization.AuthorizeAsync(http.User, http, ScopeRequirement.PolicyName(scope));
        if (!result.Succeeded)
        {
            failures.Refused($"a caller without the '{scope}' scope", http);
            throw new McpException($"The caller lacks the '{scope}' scope that {tool} needs (Auth:ApiKeys:<name>:Scopes).");
        }

        return (http, caller);
    }

    private async Task<IDisposable> AdmitAsync(HttpContext http, int slots, bool stream, CancellationToken cancellationToken)
    {
        IDisposable? perCaller = null;
        try
        {
            if (stream)
            {
                perCaller = admission.AdmitStream(callerKey(http));
            }

            var slot = await admission.AdmitExpensiveAsync(slots, cancellationToken);
            return perCaller is null ? slot : new AdmissionLeases(slot, perCaller);
        }
        catch (AdmissionRefusedException refused)
        {
            perCaller?.Dispose();
            throw new McpException($"{refused.Message} Retry after {Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalSeconds))} s.", refused);
        }
        catch (OperationCanceledException)
        {
            perCaller?.Dispose();
            throw;
        }
    }
}
