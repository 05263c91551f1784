using System.Text.Json.Serialization;

// The floor: Kestrel, routing and one minimal-API endpoint that answers what the grid's GET /auth/me answers (the
// same four fields, source-generated JSON as the grid's own), with no middleware and no authentication at all. Every
// other design costs what it adds on top of this.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BareJson.Default));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // as the grid's front end

var app = builder.Build();

// A fixed answer of the grid's shape: ids of 32 hex digits, a username like the seeded ones.
var me = new Me("3f2c8d0e9b6a4c1d8e7f6a5b4c3d2e1f", "bench-00000000-0", "9a8b7c6d5e4f40312f1e0d9c8b7a6958", "app");
app.MapGet("/healthz", () => TypedResults.Ok());
app.MapGet("/me", () => TypedResults.Ok(me));

await app.RunAsync();

internal sealed record Me(string UserId, string Username, string SessionId, string Credential);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Me))]
internal sealed partial class BareJson : JsonSerializerContext;
