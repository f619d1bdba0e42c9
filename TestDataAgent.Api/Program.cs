var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTestDataAgentPorts();
builder.AddTestDataAgent();

var app = builder.Build();

app.MapTestDataAgent();

app.Run();
