using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Sessions.Web.Authentication.SessionGrid;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>
/// Finding the presented credential in the request: the web's <c>PresentedCredential</c> and
/// <c>AuthorizationHeader</c> are internal (and giving this project their internals would be a product change),
/// so <see cref="ReadBearer"/> repeats their calls for a request with one bearer token and no cookie: scan the Cookie
/// headers for one named like ours, take the single Authorization header, split it at its first space, check the
/// scheme ignoring case, copy the parameter out. On a <see cref="DefaultHttpContext"/>: Kestrel's own header
/// collection answers <c>Headers.Authorization</c> from a field, a little faster than this dictionary.
/// </summary>
[MemoryDiagnoser]
public class CredentialReadBenchmarks
{
    private HttpRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer sga_" + new string('A', 131);
        _request = context.Request;
    }

    [Benchmark]
    public string? ReadBearer()
    {
        foreach (var header in _request.Headers.Cookie)
        {
            if (header is not null && header.Contains(SessionGridAuthenticationDefaults.CookieName, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        var headers = _request.Headers.Authorization;
        if (headers.Count != 1 || headers[0] is not { } value)
        {
            return null;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || value.Length - space - 1 is < 1 or > 1024)
        {
            return null;
        }

        return value.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? value[(space + 1)..] : null;
    }
}
