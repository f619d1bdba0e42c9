// Exposes the implicit Program class to WebApplicationFactory<Program> in the integration tests.
public partial class Program;
