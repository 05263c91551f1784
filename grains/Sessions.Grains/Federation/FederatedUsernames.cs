using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Federation;

/// <summary>
/// The usernames a first federated sign-in tries, in order, until one can be claimed: the provider's
/// <c>preferred_username</c> kept to the username rules (<see cref="AccountRules"/>), or the neutral <see cref="NeutralStem"/>;
/// then the same with 2 to 9 appended; then with six-digit suffixes; last, one made of the user id. The order depends only
/// on the stem and the new user's id, so a retry of an interrupted sign-in claims the name it claimed before.
/// </summary>
internal static class FederatedUsernames
{
    /// <summary>The stem when the provider names no usable username.</summary>
    public const string NeutralStem = "user";

    private const int SuffixedCandidates = 24;

    /// <summary>The candidates for the user <paramref name="userId"/>.</summary>
    public static IEnumerable<string> Candidates(string? preferredUsername, Guid userId)
    {
        var stem = Stem(preferredUsername);
        yield return stem;
        for (var i = 2; i <= 9; i++)
        {
            yield return Suffixed(stem, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var attempt = 0; attempt < SuffixedCandidates; attempt++)
        {
            yield return Suffixed(stem, $"-{SixDigits(userId, attempt)}");
        }

        yield return $"{NeutralStem}-{GridIds.Format(userId)}";
    }

    /// <summary>The characters the username rules allow, lower-cased, others dropped; the neutral stem when fewer than
    /// the minimum remain. Non-ASCII letters are dropped, not folded (the rules refuse look-alikes).</summary>
    public static string Stem(string? preferredUsername)
    {
        var kept = new StringBuilder(AccountRules.MaxUsernameLength);
        foreach (var c in preferredUsername ?? string.Empty)
        {
            var lower = char.ToLowerInvariant(c);
            if (kept.Length < AccountRules.MaxUsernameLength
                && lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' or '@')
            {
                kept.Append(lower);
            }
        }

        return kept.Length >= AccountRules.MinUsernameLength ? kept.ToString() : NeutralStem;
    }

    private static string Suffixed(string stem, string suffix) =>
        string.Concat(stem.AsSpan(0, Math.Min(stem.Length, AccountRules.MaxUsernameLength - suffix.Length)), suffix);

    private static string SixDigits(Guid userId, int attempt)
    {
        Span<byte> input = stackalloc byte[17];
        userId.TryWriteBytes(input);
        input[16] = (byte)attempt;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return (BinaryPrimitives.ReadUInt32BigEndian(hash) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
