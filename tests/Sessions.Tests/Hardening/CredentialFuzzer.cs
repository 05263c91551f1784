using System.Buffers.Text;
using System.Text;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Hardening;

/// <summary>One generated request's credentials: Cookie and Authorization header values (zero, one or several of
/// each) and an optional query string. <see cref="InUrl"/> cases carry a token in the URL (refused with 400).</summary>
public sealed record FuzzCase(string Shape, string[] Cookies, string[] Authorizations, string? Query = null)
{
    public bool InUrl => Query is not null;
}

/// <summary>
/// Generates malformed, ambiguous and forged credentials from a seed (docs/threat-model.md, bad inputs B1–B5, B8, B9, B11,
/// B12 and random bytes), many of them mutations of real tokens. Every case it yields is refused before a grain is
/// asked: a case that happens to equal a real token is never yielded.
/// </summary>
public sealed class CredentialFuzzer(int seed, RealTokens real)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Cookie = "__Host-sid=";

    private static readonly string[] Prefixes = ["sga_", "sgb_", "sgr_", "sgk_", "sgx_", "SGA_", "sg_", "sga-", "sgaa_", "", "ga_", "sgA_"];
    private static readonly string[] Schemes = ["Basic ", "Token ", "Bearer\t", "Bearer  ", "Bearer: ", "Digest ", "Bearer=", "Bear ", " Bearer "];
    private static readonly string[] CookieNames = ["__Host-sid", "sid", "__host-sid", "__HOST-SID", "__Secure-sid", "SID", "__Host-Sid"];
    private static readonly string[] Foreign =
    [
        "+", "/", "=", "%", "%41", "%00", "\0", "\r", "\n", "\r\n", "\t", " ", ";", ",", "\"", "\\",
        "\u00e9", "\u0410", "\uff21", "\u200b", "\ufeff", "\u00c0\u00af", "\ud83d\ude00", "\u0130", "\u017f",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _all = [real.Cookie, real.Access, real.Refresh, real.ApiToken, real.OtherCookie, real.OtherAccess];

    public IEnumerable<FuzzCase> Generate(int count)
    {
        var produced = 0;
        while (produced < count)
        {
            var next = Next();
            if (WouldBeAccepted(next))
            {
                continue;
            }

            produced++;
            yield return next;
        }
    }

    private FuzzCase Next() => _random.Next(20) switch
    {
        0 => Bearer("random bytes", RandomText(_random.Next(0, 300), latin1: true)),
        1 => Bearer("random unicode", RandomText(_random.Next(0, 200), latin1: false)),
        2 => Bearer("well-formed, random", Pick(Prefixes[..5]) + RandomAlphabet(131)),
        3 => Either("bit flip", FlipBits(Pick(_all))),
        4 => Either("character swapped", SwapCharacter(Pick(_all))),
        5 => Either("truncated", Truncate(Pick(_all))),
        6 => Either("extended", Pick(_all) + RandomAlphabet(_random.Next(20) == 0 ? _random.Next(4096, 65536) : _random.Next(1, 64))),
        7 => Either("case flipped", FlipCase(Pick(_all))),
        8 => Either("prefix swapped", Pick(Prefixes) + Pick(_all)[4..]),
        9 => Either("foreign character", Insert(Pick(_all), Pick(Foreign))),
        10 => Empty(),
        11 => new FuzzCase("other scheme", [], [Pick(Schemes) + Pick(_all)]),
        12 => TypeConfusion(),
        13 => new FuzzCase("two authorization headers", [], [Bearer(Pick(_all)), Bearer(_random.Next(2) == 0 ? Pick(_all) : Mutate(Pick(_all)))]),
        14 => DuplicateCookies(),
        15 => new FuzzCase("cookie and bearer", [Cookie + real.Cookie], [Bearer(_random.Next(2) == 0 ? real.Access : real.OtherAccess)]),
        16 => Either("another grid's token", ForgedTokens.FromAnotherGrid(Pick([TokenKind.BrowserSession, TokenKind.AccessToken, TokenKind.ApiToken]), real.UserId)),
        17 => new FuzzCase("token in the URL", [], [], $"?{Pick(["access_token", "token", "x", "sid", "q"])}={Uri.EscapeDataString(Pick(_all))}"),
        18 => new FuzzCase("cookie soup", [CookieSoup()], []),
        _ => Either("mutated", Mutate(Mutate(Pick(_all)))),
    };

    private FuzzCase Either(string shape, string token) =>
        _random.Next(2) == 0 ? new FuzzCase(shape + " (bearer)", [], [Bearer(token)]) : new FuzzCase(shape + " (cookie)", [Cookie + token], []);

    private static FuzzCase Bearer(string shape, string token) => new(shape, [], [Bearer(token)]);

    private static string Bearer(string token) => "Bearer " + token;

    private FuzzCase Empty() => _random.Next(8) switch
    {
        0 => new FuzzCase("empty", [], ["Bearer"]),
        1 => new FuzzCase("empty", [], ["Bearer "]),
        2 => new FuzzCase("empty", [], ["Bearer      "]),
        3 => new FuzzCase("empty", [], [string.Empty]),
        4 => new FuzzCase("empty", [Cookie], []),
        5 => new FuzzCase("empty", ["__Host-sid"], []),
        6 => new FuzzCase("empty", [Cookie + ";"], []),
        _ => new FuzzCase("empty", [string.Empty], [string.Empty]),
    };

    private FuzzCase TypeConfusion() => _random.Next(6) switch
    {
        0 => new FuzzCase("refresh token as bearer", [], [Bearer(real.Refresh)]),
        1 => new FuzzCase("access token as cookie", [Cookie + real.Access], []),
        2 => new FuzzCase("API token as cookie", [Cookie + real.ApiToken], []),
        3 => new FuzzCase("cookie as bearer", [], [Bearer(real.Cookie)]),
        4 => new FuzzCase("refresh token as cookie", [Cookie + real.Refresh], []),
        _ => new FuzzCase("other user's cookie as bearer", [], [Bearer(real.OtherCookie)]),
    };

    private FuzzCase DuplicateCookies()
    {
        var first = Cookie + real.Cookie;
        var second = Pick(CookieNames) + "=" + (_random.Next(2) == 0 ? Pick([real.Cookie, real.OtherCookie]) : Mutate(real.Cookie));
        return _random.Next(2) == 0
            ? new FuzzCase("two cookie headers", [first, second], [])
            : new FuzzCase("two cookies in one header", [$"{first}; {second}"], []);
    }

    private string CookieSoup()
    {
        var parts = new List<string>();
        for (var i = _random.Next(1, 6); i > 0; i--)
        {
            parts.Add(_random.Next(4) switch
            {
                0 => $"{Pick(CookieNames)}={Mutate(Pick(_all))}",
                1 => $"{Pick(CookieNames)}=\"{Mutate(Pick(_all))}\"",
                2 => $"other{i}={RandomAlphabet(_random.Next(0, 40))}",
                _ => RandomText(_random.Next(0, 40), latin1: true),
            });
        }

        return string.Join(Pick(["; ", ";", ", ", ";;"]), parts);
    }

    private string Mutate(string token) => _random.Next(6) switch
    {
        0 => FlipBits(token),
        1 => SwapCharacter(token),
        2 => Truncate(token),
        3 => FlipCase(token),
        4 => Insert(token, Pick(Foreign)),
        _ => token + RandomAlphabet(_random.Next(1, 8)),
    };

    /// <summary>Decodes the token, flips 1–3 bits anywhere in it (version, key id, selector, verifier or MAC) and
    /// encodes it again: well-formed, yet the MAC no longer matches.</summary>
    private string FlipBits(string token)
    {
        if (token.Length != TokenCodec.TokenLength || !Base64Url.IsValid(token.AsSpan(4)))
        {
            return SwapCharacter(token);
        }

        var body = Base64Url.DecodeFromChars(token.AsSpan(4));
        for (var flips = _random.Next(1, 4); flips > 0; flips--)
        {
            body[_random.Next(body.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return token[..4] + Base64Url.EncodeToString(body);
    }

    private string SwapCharacter(string token)
    {
        if (token.Length <= 4)
        {
            return token + Alphabet[_random.Next(Alphabet.Length)];
        }

        var at = _random.Next(4, token.Length);
        var replacement = Alphabet[_random.Next(Alphabet.Length)];
        return token[..at] + (replacement == token[at] ? (replacement == 'A' ? 'B' : 'A') : replacement) + token[(at + 1)..];
    }

    private string Truncate(string token) => token[.._random.Next(0, token.Length)];

    private string FlipCase(string token)
    {
        var chars = token.ToCharArray();
        var all = _random.Next(3) == 0;
        var flipped = false;
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsLetter(chars[i]) && (all || _random.Next(10) == 0))
            {
                chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
                flipped = true;
            }
        }

        // At least one letter always flips (the last one, whatever the token ends with), or the "flipped" token could
        // be the real one, which is no forgery.
        var last = Array.FindLastIndex(chars, char.IsLetter);
        if (!flipped && last >= 0)
        {
            chars[last] = char.IsUpper(chars[last]) ? char.ToLowerInvariant(chars[last]) : char.ToUpperInvariant(chars[last]);
        }

        return new string(chars);
    }

    private string Insert(string token, string foreign)
    {
        if (token.Length == 0)
        {
            return foreign;
        }

        // Never after the last character: a separator appended to a cookie value (";", ",", whitespace) leaves the
        // same, valid credential, which is no forgery.
        var at = _random.Next(0, token.Length);
        return _random.Next(2) == 0
            ? token[..at] + foreign + token[at..]
            : token[..Math.Min(at, token.Length - 1)] + foreign + token[Math.Min(at + foreign.Length, token.Length)..];
    }

    private string RandomAlphabet(int length) => string.Create(length, _random, (span, random) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[random.Next(Alphabet.Length)];
        }
    });

    private string RandomText(int length, bool latin1)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            var c = latin1 ? (char)_random.Next(0, 256) : (char)_random.Next(0, 0xD800);
            text.Append(c);
        }

        return text.ToString();
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    /// <summary>Whether a case presents exactly one live credential the way it is meant to be presented (a mutation
    /// that came out unchanged): such a case is not malformed and is never yielded.</summary>
    private bool WouldBeAccepted(FuzzCase candidate) => candidate switch
    {
        { InUrl: true } => false,
        { Cookies: [], Authorizations: [var header] } => header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && header[7..] is var token && (token == real.Access || token == real.ApiToken || token == real.OtherAccess),
        { Cookies: [var header], Authorizations: [] } => header == Cookie + real.Cookie || header == Cookie + real.OtherCookie,
        _ => false,
    };
}

/// <summary>Real, live tokens the fuzzer mutates: a user's four kinds and another user's browser and access tokens.</summary>
public sealed record RealTokens(string UserId, string Cookie, string Access, string Refresh, string ApiToken, string OtherCookie, string OtherAccess);
