using TestDataAgent.Api.Composition;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();   // OpenTelemetry, /alive, resilience, service discovery
builder.AddServicePorts();      // gRPC (h2c) on GRPC_PORT, HTTP/1.1 on HTTP_PORT
builder.AddServiceInfo();       // GET /health identity, JSON logs outside Development
builder.AddGeneration();        // the domain: schemas, validation, routing, generators, output
builder.AddResponseCache();     // use_cache responses and record pools; Redis when configured
builder.AddLlmProviders();      // Claude, vLLM, Ollama when configured
builder.AddPatternStore();      // RAG patterns: Weaviate or the embedded store, MiniLM embeddings
builder.AddServiceHealth();     // readiness, grpc.health.v1, component report, dependency gauges
builder.AddAdmission();         // expensive work: global concurrency, a short queue, the heap, streams per caller
builder.AddAccess();            // API keys, JWT, client certificates; scopes; per-caller rate limits and daily quotas
builder.AddGrpcApi();           // testdata.v1 over gRPC and JSON, reflection, /metrics
builder.AddMcp();               // MCP tools at /mcp for coding agents, through the same scopes, quotas and admission

var app = builder.Build();

app.UseAccess();                // authentication, authorization, rate limits (health and metrics stay open)
app.MapDefaultEndpoints();
app.MapServiceHealth();
app.MapGrpcApi();
app.MapLocales();                // GET /v1/locales: what a request's locale may name
app.MapMcp();                   // POST /mcp: list_schemas, generate_data, validate_data, generate_dataset
app.MapAdmin();                 // /admin, only when Admin:Enabled and Admin:Token are set

app.Run();
