using Sessions.Grains.Abstractions.Users;

namespace Sessions.Web.Apis;

/// <summary>What a new session records about its client: a bounded description of characters that display as
/// themselves, never trusted for anything but display.</summary>
internal static class ClientDescription
{
    public const int MaxDevice = 64;
    private const int MaxUserAgent = 256;

    public static SignInRequest For(HttpContext context, CredentialKind kind, string? device) => new(
        kind,
        DisplayText.Displayable(device, MaxDevice),
        context.Connection.RemoteIpAddress?.ToString(),
        DisplayText.Displayable(context.Request.Headers.UserAgent.ToString(), MaxUserAgent));

    /// <summary>A device name is refused (400) unless every character displays as itself (<see cref="DisplayText"/>).</summary>
    public static bool IsAcceptableDevice(string? device) =>
        device is null || (device.Length <= MaxDevice && DisplayText.IsDisplayable(device));
}
