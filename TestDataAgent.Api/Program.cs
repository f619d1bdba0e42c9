var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTestDataAgentPorts();
builder.AddTestDataAgentApi();
builder.AddTestDataAgentRedis();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapTestDataAgentHealth();
app.MapTestDataAgentGrpc();

app.Run();
