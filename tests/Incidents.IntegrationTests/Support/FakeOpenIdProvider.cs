using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Incidents.IntegrationTests.Support;

/// <summary>
/// An OpenID provider inside the test process, served as an <see cref="HttpMessageHandler"/>: the app reaches it as
/// its OIDC back-channel (metadata, keys, token endpoint) and the test's "browser" reaches it for /authorize. It issues
/// an authorization code for the next person set with <see cref="SignInAs"/>, checks the code exchange (client, secret,
/// redirect URI, PKCE verifier) and answers with an id_token signed by an RSA key made here, carrying the nonce of the
/// authorize request.
/// </summary>
public sealed class FakeOpenIdProvider : HttpMessageHandler
{
    public const string Issuer = "https://idp.example.test/tenant/v2.0";
    public const string AuthorizeEndpoint = "https://idp.example.test/tenant/oauth2/v2.0/authorize";
    public const string TokenEndpoint = "https://idp.example.test/tenant/oauth2/v2.0/token";
    public const string JwksEndpoint = "https://idp.example.test/tenant/discovery/v2.0/keys";
    public const string ClientId = "sil-incidents";
    public const string ClientSecret = "not-a-real-secret";

    private const string KeyId = "test-key-1";
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _grants = new();
    private Dictionary<string, object>? _person;

    /// <summary>Token requests the provider answered successfully (a real exchange happened).</summary>
    public int TokensIssued { get; private set; }

    /// <summary>The claims (besides iss, aud, sub, nonce and times) of whoever signs in next at /authorize.</summary>
    public void SignInAs(string subject, IDictionary<string, object> claims)
    {
        _person = new Dictionary<string, object>(claims) { ["sub"] = subject };
    }

    public IDictionary<string, string?> AppSettings() => new Dictionary<string, string?>
    {
        ["Authentication:Oidc:Authority"] = Issuer,
        ["Authentication:Oidc:ClientId"] = ClientId,
        ["Authentication:Oidc:ClientSecret"] = ClientSecret,
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.GetLeftPart(UriPartial.Path);
        return url switch
        {
            Issuer + "/.well-known/openid-configuration" => Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = AuthorizeEndpoint,
                ["token_endpoint"] = TokenEndpoint,
                ["jwks_uri"] = JwksEndpoint,
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            }),
            JwksEndpoint => Jwks(),
            AuthorizeEndpoint when request.Method == HttpMethod.Get => Authorize(QueryHelpers.ParseQuery(request.RequestUri.Query)),
            TokenEndpoint when request.Method == HttpMethod.Post => Token(QueryHelpers.ParseQuery("?" + await request.Content!.ReadAsStringAsync(cancellationToken))),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    private HttpResponseMessage Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
                },
            },
        });
    }

    private HttpResponseMessage Authorize(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        string? Get(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        if (Get("client_id") != ClientId || Get("response_type") != "code" || Get("code_challenge_method") != "S256"
            || string.IsNullOrEmpty(Get("code_challenge")) || string.IsNullOrEmpty(Get("nonce")) || string.IsNullOrEmpty(Get("state"))
            || _person is null)
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("bad authorize request") };
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var redirectUri = Get("redirect_uri")!;
        _grants[code] = new Grant(redirectUri, Get("code_challenge")!, Get("nonce")!, _person);
        var parameters = new Dictionary<string, string?> { ["code"] = code, ["state"] = Get("state") };
        if (Get("response_mode") == "form_post")
        {
            // What a real provider answers: a page that posts the code and state to the client's redirect URI.
            var inputs = string.Concat(parameters.Select(p => $"<input type=\"hidden\" name=\"{p.Key}\" value=\"{WebUtility.HtmlEncode(p.Value)}\"/>"));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"<html><body><form method=\"post\" action=\"{WebUtility.HtmlEncode(redirectUri)}\">{inputs}</form></body></html>", Encoding.UTF8, "text/html"),
            };
        }

        var response = new HttpResponseMessage(HttpStatusCode.Redirect);
        response.Headers.Location = new Uri(QueryHelpers.AddQueryString(redirectUri, parameters));
        return response;
    }

    private HttpResponseMessage Token(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        string? Get(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        var code = Get("code");
        if (Get("grant_type") != "authorization_code" || code is null || !_grants.TryRemove(code, out var grant))
        {
            return Json(new Dictionary<string, object> { ["error"] = "invalid_grant" }, HttpStatusCode.BadRequest);
        }

        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Get("code_verifier") ?? string.Empty)));
        if (Get("client_id") != ClientId || Get("client_secret") != ClientSecret || Get("redirect_uri") != grant.RedirectUri || challenge != grant.CodeChallenge)
        {
            return Json(new Dictionary<string, object> { ["error"] = "invalid_grant" }, HttpStatusCode.BadRequest);
        }

        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(grant.Person) { ["nonce"] = grant.Nonce };
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
        TokensIssued++;
        return Json(new Dictionary<string, object>
        {
            ["access_token"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = idToken,
        });
    }

    private static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed record Grant(string RedirectUri, string CodeChallenge, string Nonce, Dictionary<string, object> Person);
}
