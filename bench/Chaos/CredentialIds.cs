using System.Security.Cryptography;
using System.Text;

namespace Sessions.Bench.Chaos;

/// <summary>How a history names a credential: the first 16 hex digits of the SHA-256 of the token, so histories
/// (temporary files, but files) never hold a live secret and distinct tokens stay distinct.</summary>
internal static class CredentialIds
{
    public static string Of(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
