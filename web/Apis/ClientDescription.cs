using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Apis;

/// <summary>What a new session records about its client: a bounded, printable description, never trusted for
/// anything but display.</summary>
internal static class ClientDescription
{
    public const int MaxDevice = 64;
    private const int MaxUserAgent = 256;

    public static SignInRequest For(HttpContext context, CredentialKind kind, string? device) => new(
        kind,
        Printable(device, MaxDevice),
        context.Connection.RemoteIpAddress?.ToString(),
        Printable(context.Request.Headers.UserAgent.ToString(), MaxUserAgent));

    public static bool IsAcceptableDevice(string? device) =>
        device is null || (device.Length <= MaxDevice && !device.Any(char.IsControl));

    private static string? Printable(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var printable = new string(value.Where(c => !char.IsControl(c)).Take(max).ToArray()).Trim();
        return printable.Length == 0 ? null : printable;
    }
}
