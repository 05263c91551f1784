using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Sessions.Web.Federation.SharedSignals;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>
/// Reads a global token revocation request's body (draft-parecki-oauth-global-token-revocation §3): a JSON object whose
/// one member is <c>sub_id</c>, a subject identifier (RFC 9493). Strict, as every body here: another content type,
/// a member twice, an unknown member or a malformed identifier is refused with a description safe to send back.
/// </summary>
internal static class RevocationRequest
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    /// <summary>The subject, or why the body is refused.</summary>
    public static async Task<(SubjectIdentifier? Subject, string? Problem)> ReadAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "Send the request as application/json: {\"sub_id\": {...}}.");
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, Strict, request.HttpContext.RequestAborted);
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Any(member => member.Name != "sub_id")
                || !root.TryGetProperty("sub_id", out var subject))
            {
                return (null, "The body must be a JSON object whose one member is sub_id.");
            }

            return SubjectIdentifiers.TryParse(subject, out var parsed)
                ? (parsed, null)
                : (null, "sub_id is not a well-formed subject identifier (RFC 9493): a format and its members, as strings.");
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON (a member may appear once).");
        }
    }
}
