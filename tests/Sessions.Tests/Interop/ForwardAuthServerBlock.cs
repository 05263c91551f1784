using System.Globalization;

namespace Sessions.Tests.Interop;

/// <summary>
/// The nginx server block that puts the session grid in front of an app. README.md ("Put it in front of an app with
/// nginx") shows this very block with example ports; change both together.
/// </summary>
public static class ForwardAuthServerBlock
{
    public static string For(int listenPort, int appPort, int gridPort, string signInUrl) => string.Format(
        CultureInfo.InvariantCulture,
        """
        server {{
            listen 127.0.0.1:{0};

            # The app: every request is first checked by the grid (one grain call); only a 2xx lets it through.
            location / {{
                auth_request /_session_grid/check;
                auth_request_set $auth_user_id $upstream_http_x_auth_user_id;
                auth_request_set $auth_username $upstream_http_x_auth_username;
                auth_request_set $auth_session_id $upstream_http_x_auth_session_id;
                auth_request_set $auth_credential $upstream_http_x_auth_credential;
                auth_request_set $auth_scope $upstream_http_x_auth_scope;

                # Always set here, so a client's own X-Auth-* headers never reach the app.
                proxy_set_header X-Auth-User-Id $auth_user_id;
                proxy_set_header X-Auth-Username $auth_username;
                proxy_set_header X-Auth-Session-Id $auth_session_id;
                proxy_set_header X-Auth-Credential $auth_credential;
                proxy_set_header X-Auth-Scope $auth_scope;
                proxy_pass http://127.0.0.1:{1};

                error_page 401 = @signed_out;
            }}

            # The check: the client's credential (session cookie or Authorization header) and nothing else.
            location = /_session_grid/check {{
                internal;
                proxy_pass http://127.0.0.1:{2}/auth/check;
                proxy_pass_request_body off;
                proxy_set_header Content-Length "";
                proxy_set_header Cookie $http_cookie;
                proxy_set_header Authorization $http_authorization;
            }}

            # Signed out, revoked or never signed in: browsers go to the sign-in page, API clients get the 401.
            location @signed_out {{
                if ($http_accept ~* "text/html") {{
                    return 302 {3};
                }}
                return 401;
            }}

            # The grid's own API on the app's host name, so the session cookie is first-party here.
            location /auth/ {{
                proxy_pass http://127.0.0.1:{2};
                proxy_set_header Host $http_host;
                proxy_set_header X-Forwarded-For $remote_addr;
                proxy_set_header X-Forwarded-Proto $scheme;
            }}
        }}
        """,
        listenPort,
        appPort,
        gridPort,
        signInUrl);
}
